// IPC: every channel of the contract is registered once, each wrapped with a sender check
// (electron/fiddle's pattern). Only the app's own top frame may call the host; a call from
// an iframe, a foreign page or a destroyed frame gets HOST_FORBIDDEN as data.
import { HOST_CHANNELS, type HostHandlers } from '../../shared/host/contract.ts';
import { hostErrors } from '../../shared/host/errors.ts';
import type { Result } from '../../shared/result.ts';
import { dispatchHostRequest, type HostErrorReporter } from '../handlers/dispatch.ts';

/** The parts of Electron's IpcMainInvokeEvent the check reads. */
export interface IpcSenderEvent {
  readonly senderFrame: { readonly url: string; readonly parent: unknown } | null;
}

export type IpcListener = (event: IpcSenderEvent, request: unknown) => Promise<Result<unknown>>;

export interface IpcMainLike {
  handle(channel: string, listener: IpcListener): void;
}

export function isTrustedSender(
  event: IpcSenderEvent,
  isAppUrl: (url: string) => boolean,
): boolean {
  const frame = event.senderFrame;
  return frame !== null && frame.parent === null && isAppUrl(frame.url);
}

export function wrapIpcHandler(
  handlers: HostHandlers,
  channel: string,
  isAppUrl: (url: string) => boolean,
  reportError?: HostErrorReporter,
): IpcListener {
  return async (event, request) => {
    if (!isTrustedSender(event, isAppUrl)) return hostErrors.forbidden();
    return dispatchHostRequest(handlers, channel, request, reportError);
  };
}

export function registerIpcHandlers(
  ipcMain: IpcMainLike,
  handlers: HostHandlers,
  isAppUrl: (url: string) => boolean,
  reportError?: HostErrorReporter,
): readonly string[] {
  for (const channel of HOST_CHANNELS) {
    ipcMain.handle(channel, wrapIpcHandler(handlers, channel, isAppUrl, reportError));
  }
  return HOST_CHANNELS;
}
