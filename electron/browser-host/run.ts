// Builds and starts a browser host from plain options (used by `npm run host`, by
// `npm start` when Electron is missing, and by tests).
import { mkdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { serverOrigin } from '../../shared/host/settings.ts';
import { createHostHandlers, type HostDeps } from '../handlers/index.ts';
import { assembleHostDeps } from '../hostDeps.ts';
import type { IdCardReader } from '../idcard/reader.ts';
import { createFileProtector } from '../keys/protector.ts';
import { createBrowserOsPrintPort } from '../os-print/osPrint.ts';
import type { PrintService } from '../printing/service.ts';
import { createDisabledUpdates } from '../update/controller.ts';
import { startBrowserHost, type BrowserHost } from './server.ts';

export interface RunBrowserHostOptions {
  readonly dataDir: string;
  readonly rendererDir: string;
  readonly port?: number;
  readonly sessionSecret?: string;
  /** Preset the server URL when none is configured yet (dev, e2e, `npm start`). */
  readonly serverUrl?: string;
  readonly appVersion?: string;
  readonly fontPaths?: string[];
  readonly printService?: PrintService;
  readonly idCardReader?: IdCardReader;
  readonly onError?: (channel: string, error: unknown) => void;
}

export interface RunningBrowserHost extends BrowserHost {
  readonly deps: HostDeps;
}

export async function runBrowserHost(options: RunBrowserHostOptions): Promise<RunningBrowserHost> {
  const dataDir = resolve(options.dataDir);
  await mkdir(dataDir, { recursive: true, mode: 0o700 });
  const appVersion = options.appVersion ?? '0.0.0-dev';
  const deps = assembleHostDeps({
    hostKind: 'browser',
    dataDir,
    appName: 'Waypost 警邮通',
    appVersion,
    protector: createFileProtector(),
    osPrint: createBrowserOsPrintPort(join(dataDir, 'exports')),
    updates: () =>
      createDisabledUpdates(appVersion, {
        message: '浏览器模式下不提供自动更新',
        messageEn: 'Auto-update is not available in the browser host',
      }),
    ...(options.printService ? { printService: options.printService } : {}),
    ...(options.fontPaths ? { fontPaths: options.fontPaths } : {}),
    ...(options.idCardReader ? { idCardReader: options.idCardReader } : {}),
  });
  if (options.serverUrl && (await deps.settings.get()).serverUrl === null) {
    const set = await deps.settings.update({ serverUrl: options.serverUrl });
    if (!set.ok) throw new Error(`${set.error.code}: ${set.error.messageEn}`);
  }
  const reportError = (channel: string, error: unknown) => {
    options.onError?.(channel, error);
    // Only the error's type and message: request data (possibly personal) is never logged.
    void deps.logs
      .write('host', [
        {
          level: 'error',
          scope: channel,
          message: error instanceof Error ? `${error.name}: ${error.message}` : String(error),
        },
      ])
      .catch(() => undefined);
  };
  const host = await startBrowserHost({
    handlers: createHostHandlers(deps),
    rendererDir: resolve(options.rendererDir),
    ...(options.port === undefined ? {} : { port: options.port }),
    ...(options.sessionSecret ? { sessionSecret: options.sessionSecret } : {}),
    serverOrigin: async () => serverOrigin(await deps.settings.get()),
    reportError,
  });
  return { ...host, deps };
}
