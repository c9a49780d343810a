// Per-device display preferences: UI language and touch mode (large targets for van tablets).
// Kept in localStorage: they hold no personal data and must apply before login.
import { create } from 'zustand';
import type { UiLanguage } from '../i18n/messages.ts';

interface Preferences {
  language: UiLanguage;
  touchMode: boolean;
  setLanguage: (language: UiLanguage) => void;
  setTouchMode: (touchMode: boolean) => void;
}

const KEY = 'waypost.preferences';

function load(): Pick<Preferences, 'language' | 'touchMode'> {
  const fallback = { language: 'zh-CN' as UiLanguage, touchMode: false };
  try {
    const stored: unknown = JSON.parse(globalThis.localStorage?.getItem(KEY) ?? 'null');
    if (stored && typeof stored === 'object') {
      const language = 'language' in stored && stored.language === 'en' ? 'en' : 'zh-CN';
      const touchMode = 'touchMode' in stored && stored.touchMode === true;
      return { language, touchMode };
    }
  } catch {
    // A damaged entry falls back to the defaults.
  }
  // A coarse pointer (tablet) starts in touch mode.
  const coarse = globalThis.matchMedia?.('(pointer: coarse)').matches ?? false;
  return { ...fallback, touchMode: coarse };
}

function persist(p: Pick<Preferences, 'language' | 'touchMode'>) {
  try {
    globalThis.localStorage?.setItem(KEY, JSON.stringify(p));
  } catch {
    // Storage full or disabled: preferences just don't persist.
  }
}

export const usePreferences = create<Preferences>((set, get) => ({
  ...load(),
  setLanguage: (language) => {
    set({ language });
    persist({ language, touchMode: get().touchMode });
  },
  setTouchMode: (touchMode) => {
    set({ touchMode });
    persist({ language: get().language, touchMode });
  },
}));
