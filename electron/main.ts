// Electron main: one instance, one locked-down window serving app://waypost/, every IPC
// channel sender-checked. All logic lives in plain modules (handlers/, security/, …);
// this file only wires them to Electron.
import { app, BrowserWindow, ipcMain, protocol, session, shell, type WebContents } from 'electron';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { serverOrigin } from '../shared/host/settings.ts';
import { createHostHandlers } from './handlers/index.ts';
import { assembleHostDeps } from './hostDeps.ts';
import { createSafeStorageProtector } from './keys/safeStorageProtector.ts';
import { createElectronOsPrintPort } from './os-print/electronOsPrint.ts';
import { APP_ENTRY_URL, APP_HOST, APP_SCHEME, isAppUrl } from './security/appOrigin.ts';
import { buildCsp } from './security/csp.ts';
import { registerIpcHandlers } from './security/ipc.ts';
import { decideWindowOpen, isNavigationAllowed } from './security/navigation.ts';
import { isPermissionAllowed } from './security/permissions.ts';
import { mainWindowOptions } from './security/windowOptions.ts';
import { serveRendererFile, toFetchResponse } from './static/serveRenderer.ts';
import { createUpdateController } from './update/controller.ts';
import { createElectronUpdaterPort } from './update/electronUpdater.ts';
import { updateFeed } from './update/feed.ts';

const here = dirname(fileURLToPath(import.meta.url));
// Built layout: dist/electron/{main.js,preload.cjs} beside dist/renderer/.
const rendererDir = join(here, '..', 'renderer');
const preloadPath = join(here, 'preload.cjs');

// Must precede 'ready': a standard, secure scheme gets its own origin (storage, 'self').
protocol.registerSchemesAsPrivileged([
  {
    scheme: APP_SCHEME,
    privileges: { standard: true, secure: true, supportFetchAPI: true, stream: true },
  },
]);
app.enableSandbox();

if (!app.requestSingleInstanceLock()) {
  // A second copy would race the first on the same database and print ledger.
  app.quit();
} else {
  app.on('second-instance', () => {
    const win = BrowserWindow.getAllWindows()[0];
    if (win) {
      if (win.isMinimized()) win.restore();
      win.focus();
    }
  });
  app.on('web-contents-created', (_event, contents) => hardenContents(contents));
  app.on('window-all-closed', () => app.quit());
  app.whenReady().then(start, (error: unknown) => {
    console.error('Waypost failed to start:', error);
    app.exit(1);
  });
}

/** Applies to every web contents, including the hidden print windows. */
function hardenContents(contents: WebContents): void {
  contents.on('will-navigate', (event, url) => {
    if (!isNavigationAllowed(url, isAppUrl)) event.preventDefault();
  });
  contents.on('will-redirect', (event, url) => {
    if (!isNavigationAllowed(url, isAppUrl)) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(({ url }) => {
    const decision = decideWindowOpen(url);
    if (decision.openExternally) void shell.openExternal(decision.openExternally);
    return { action: decision.action };
  });
}

async function start(): Promise<void> {
  const dataDir = app.getPath('userData');
  const appVersion = app.getVersion();
  const deps = assembleHostDeps({
    hostKind: 'electron',
    dataDir,
    appName: app.getName(),
    appVersion,
    electronVersion: process.versions.electron ?? null,
    chromeVersion: process.versions.chrome ?? null,
    protector: createSafeStorageProtector(),
    osPrint: createElectronOsPrintPort(),
    updates: ({ backups, settings, device }) =>
      createUpdateController({
        port: createElectronUpdaterPort(),
        currentVersion: appVersion,
        backupStore: backups,
        feed: async () => {
          const identity = await device.identity();
          return updateFeed(await settings.get(), identity.ok ? identity.value.enrolment : null);
        },
      }),
  });

  // `npm start` points a development run at the local server.
  const presetServer = process.env.WAYPOST_SERVER_URL;
  if (presetServer && (await deps.settings.get()).serverUrl === null) {
    await deps.settings.update({ serverUrl: presetServer });
  }

  const reportError = (channel: string, error: unknown) => {
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
  registerIpcHandlers(ipcMain, createHostHandlers(deps), isAppUrl, reportError);

  protocol.handle(APP_SCHEME, async (request) => {
    const url = new URL(request.url);
    if (url.hostname !== APP_HOST) return new Response('Not found', { status: 404 });
    const origin = serverOrigin(await deps.settings.get());
    const file = await serveRendererFile(rendererDir, url.pathname, {
      csp: (styleNonce) =>
        buildCsp({ serverOrigin: origin, ...(styleNonce ? { styleNonce } : {}) }),
    });
    return toFetchResponse(file);
  });

  const ses = session.defaultSession;
  ses.setPermissionRequestHandler((contents, permission, callback, details) => {
    callback(
      isPermissionAllowed(
        {
          permission,
          requestingUrl: details.requestingUrl ?? contents.getURL(),
          ...('mediaTypes' in details && details.mediaTypes
            ? { mediaTypes: details.mediaTypes }
            : {}),
          ...(details.isMainFrame === undefined ? {} : { isMainFrame: details.isMainFrame }),
        },
        isAppUrl,
      ),
    );
  });
  ses.setPermissionCheckHandler((_contents, permission, requestingOrigin, details) =>
    isPermissionAllowed(
      {
        permission,
        requestingUrl: details.requestingUrl ?? requestingOrigin,
        mediaTypes:
          details.mediaType === 'video'
            ? ['video']
            : details.mediaType === 'audio'
              ? ['audio']
              : [],
        ...(details.isMainFrame === undefined ? {} : { isMainFrame: details.isMainFrame }),
      },
      isAppUrl,
    ),
  );
  ses.setDevicePermissionHandler(() => false);

  const options = mainWindowOptions(preloadPath);
  const win = new BrowserWindow({
    ...options,
    // windowOptions.ts is the tested source; the critical flags are restated where the
    // window is made so no refactor can drop them silently (and scanners see them).
    webPreferences: {
      ...options.webPreferences,
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      webSecurity: true,
      disableBlinkFeatures: 'Auxclick',
    },
  });
  win.once('ready-to-show', () => win.show());
  await win.loadURL(APP_ENTRY_URL);

  // Quietly look for an update once the app is up; installing waits for the clerk.
  setTimeout(() => void deps.updates.check(), 30_000);
}
