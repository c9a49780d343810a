// i18next set up synchronously with both catalogues bundled (they are small), zh-CN first.
import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import type { Lang, WaypostError } from '../../shared/result.ts';
import { en } from './en.ts';
import type { UiLanguage } from './messages.ts';
import { zhCN } from './zh-CN.ts';

export type { Messages, UiLanguage } from './messages.ts';

declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'translation';
    resources: { translation: typeof zhCN };
  }
}

export function initI18n(language: UiLanguage = 'zh-CN') {
  if (!i18next.isInitialized) {
    void i18next.use(initReactI18next).init({
      resources: { 'zh-CN': { translation: zhCN }, en: { translation: en } },
      lng: language,
      fallbackLng: 'zh-CN',
      initAsync: false,
      interpolation: { escapeValue: false },
      returnNull: false,
    });
  } else if (i18next.language !== language) {
    void i18next.changeLanguage(language);
  }
  return i18next;
}

export function currentLang(): Lang {
  return i18next.language === 'en' ? 'en' : 'zh';
}

/** A shared error (Chinese + English twin) in the UI's language, with its code for support. */
export function errorMessage(error: Pick<WaypostError, 'message' | 'messageEn'>): string {
  return currentLang() === 'en' ? error.messageEn : error.message;
}
