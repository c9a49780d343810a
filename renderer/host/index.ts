// The renderer's one way to its host. In Electron the preload has put the contract's API
// on `window.waypost`; otherwise the page was served by the browser host and talks to it
// over HTTP. Either way the rest of the renderer sees the same typed `host` object:
//   const result = await host.print.label({ labelKey, printerId, label });
//   if (!result.ok) showError(result.error);
import { createHostApi } from '../../shared/host/api.ts';
import type { HostApi } from '../../shared/host/contract.ts';
import type { SettingsPatch } from '../../shared/host/schemas.ts';
import { hostErrors } from '../../shared/host/errors.ts';
import { settingsNeedReload } from '../../shared/host/settings.ts';
import type { HostKind, Settings } from '../../shared/host/types.ts';
import type { Result } from '../../shared/result.ts';
import { createHttpInvoker, establishBrowserSession } from './http.ts';

declare global {
  interface Window {
    /** Set by the Electron preload (electron/preload.ts). */
    readonly waypost?: HostApi;
  }
}

export type { HostApi } from '../../shared/host/contract.ts';
export { createHttpInvoker, establishBrowserSession } from './http.ts';

export function detectHostKind(win: Window = window): HostKind {
  return win.waypost ? 'electron' : 'browser';
}

export function createHost(win: Window = window): HostApi {
  if (win.waypost) return win.waypost;
  const session = establishBrowserSession(win);
  return createHostApi(createHttpInvoker({ session, fetch: win.fetch.bind(win) }));
}

/**
 * The host for this page: `host.print.label(...)` etc. Outside a browser (unit tests that
 * import renderer modules under Node) every call answers HOST_UNREACHABLE as data.
 */
export const host: HostApi =
  typeof window === 'undefined'
    ? createHostApi(async () => hostErrors.unreachable())
    : createHost(window);

/**
 * Saves settings; when the server origin changed the page reloads so the new origin
 * enters the CSP (connect-src). Persist any in-progress UI state before calling.
 */
export async function updateSettings(
  patch: SettingsPatch,
  win: Window = window,
): Promise<Result<Settings>> {
  const before = await host.settings.get();
  const after = await host.settings.set(patch);
  if (before.ok && after.ok && settingsNeedReload(before.value, after.value)) win.location.reload();
  return after;
}
