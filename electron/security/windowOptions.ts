// Every window's webPreferences, as data, so a test can prove they are locked down.
import type { BrowserWindowConstructorOptions, WebPreferences } from 'electron';

/** Settings no window may relax. */
export const LOCKED_WEB_PREFERENCES = {
  sandbox: true,
  contextIsolation: true,
  nodeIntegration: false,
  nodeIntegrationInWorker: false,
  nodeIntegrationInSubFrames: false,
  webSecurity: true,
  allowRunningInsecureContent: false,
  webviewTag: false,
  experimentalFeatures: false,
  enableBlinkFeatures: '',
  // Middle-click would otherwise open links in new windows (auxclick).
  disableBlinkFeatures: 'Auxclick',
  navigateOnDragDrop: false,
  safeDialogs: true,
  spellcheck: false,
} as const satisfies WebPreferences;

export function mainWindowOptions(preloadPath: string): BrowserWindowConstructorOptions {
  return {
    width: 1366,
    height: 800,
    minWidth: 1024,
    minHeight: 640,
    show: false,
    title: 'Waypost 警邮通',
    backgroundColor: '#ffffff',
    autoHideMenuBar: true,
    webPreferences: { ...LOCKED_WEB_PREFERENCES, preload: preloadPath, devTools: true },
  };
}

/** Hidden window that prints one label image; no preload, no host access. */
export function printWindowOptions(): BrowserWindowConstructorOptions {
  return {
    show: false,
    width: 800,
    height: 1000,
    webPreferences: { ...LOCKED_WEB_PREFERENCES, javascript: false, devTools: false },
  };
}
