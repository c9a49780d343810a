// Navigation and new windows: the app never leaves its own origin and never opens windows.

/** Only the app's own pages may load in its windows (reloads, in-app links). */
export function isNavigationAllowed(url: string, isAppUrl: (url: string) => boolean): boolean {
  return isAppUrl(url);
}

export interface WindowOpenDecision {
  readonly action: 'deny';
  /** An https link the clerk clicked (e.g. the public tracking page) opens in the OS browser. */
  readonly openExternally: string | null;
}

export function decideWindowOpen(url: string): WindowOpenDecision {
  return { action: 'deny', openExternally: isSafeExternalUrl(url) ? url : null };
}

export function isSafeExternalUrl(url: string): boolean {
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'https:' && parsed.username === '' && parsed.password === '';
  } catch {
    return false;
  }
}
