// electron-updater behind UpdaterPort. Never installs on quit: an update is applied only
// through UpdateController.install, after the data layer's pre-update backup.
import electronUpdater from 'electron-updater';
import type { UpdaterPort } from './controller.ts';

export function createElectronUpdaterPort(): UpdaterPort {
  const { autoUpdater } = electronUpdater;
  autoUpdater.autoDownload = true;
  autoUpdater.autoInstallOnAppQuit = false;
  autoUpdater.allowDowngrade = false;
  autoUpdater.allowPrerelease = false;
  return {
    configure(feed) {
      // The channel is a path segment; electron-updater's own channel stays 'latest'.
      autoUpdater.setFeedURL({ provider: 'generic', url: feed.url, channel: 'latest' });
    },
    async check() {
      await autoUpdater.checkForUpdates();
    },
    quitAndInstall() {
      autoUpdater.quitAndInstall(false, true);
    },
    onEvent(listener) {
      autoUpdater.on('checking-for-update', () => listener({ type: 'checking' }));
      autoUpdater.on('update-available', (info) =>
        listener({ type: 'available', version: info.version }),
      );
      autoUpdater.on('update-not-available', () => listener({ type: 'not-available' }));
      autoUpdater.on('download-progress', (p) =>
        listener({ type: 'progress', percent: p.percent }),
      );
      autoUpdater.on('update-downloaded', (info) =>
        listener({ type: 'downloaded', version: info.version }),
      );
      autoUpdater.on('error', (error) => listener({ type: 'error', message: error.message }));
    },
  };
}
