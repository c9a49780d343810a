import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createBackupStore } from '../../../electron/backup/backupStore.ts';
import {
  createDisabledUpdates,
  createUpdateController,
  PRE_UPDATE_BACKUP_MAX_AGE_MS,
  type UpdaterEvent,
  type UpdaterPort,
} from '../../../electron/update/controller.ts';
import { updateFeed, type UpdateFeed } from '../../../electron/update/feed.ts';
import { tempDir } from './support.ts';

/** Stands in for electron-updater: replays scripted events on check(). */
function scriptedUpdater(events: UpdaterEvent[]) {
  let listener: (event: UpdaterEvent) => void = () => undefined;
  const port = {
    configured: [] as UpdateFeed[],
    installs: 0,
    configure(feed: UpdateFeed) {
      port.configured.push(feed);
    },
    async check() {
      for (const event of events) listener(event);
    },
    quitAndInstall() {
      port.installs++;
    },
    onEvent(l: (event: UpdaterEvent) => void) {
      listener = l;
    },
  } satisfies UpdaterPort & { configured: UpdateFeed[]; installs: number };
  return port;
}

let dir: string;
let cleanup: () => Promise<void>;
beforeEach(async () => ({ dir, cleanup } = await tempDir()));
afterEach(() => cleanup());

describe('update feed', () => {
  it('uses the station code as the channel unless one is set', () => {
    expect(
      updateFeed(
        { serverUrl: 'https://jyt.example.cn', updateChannel: null },
        { stationCode: 'S001' },
      ),
    ).toEqual({
      url: 'https://jyt.example.cn/api/v1/updates/S001/',
      channel: 'S001',
    });
    expect(
      updateFeed({ serverUrl: 'https://x.cn', updateChannel: 'pilot' }, { stationCode: 'S001' })
        ?.channel,
    ).toBe('pilot');
    expect(updateFeed({ serverUrl: 'https://x.cn', updateChannel: null }, null)?.channel).toBe(
      'stable',
    );
    expect(
      updateFeed({ serverUrl: 'https://x.cn', updateChannel: null }, { stationCode: '../x' })
        ?.channel,
    ).toBe('stable');
    expect(updateFeed({ serverUrl: null, updateChannel: null }, null)).toBeNull();
  });
});

describe('update controller', () => {
  const feed = async () =>
    updateFeed(
      { serverUrl: 'https://jyt.example.cn', updateChannel: null },
      { stationCode: 'S001' },
    );

  it('tracks a check through download', async () => {
    const port = scriptedUpdater([
      { type: 'checking' },
      { type: 'available', version: '1.1.0' },
      { type: 'progress', percent: 40 },
      { type: 'downloaded', version: '1.1.0' },
    ]);
    const backups = createBackupStore({ dir, appVersion: '1.0.0', minFreeBytes: 0 });
    const updates = createUpdateController({
      port,
      currentVersion: '1.0.0',
      backupStore: backups,
      feed,
      now: () => 5,
    });
    const state = await updates.check();
    expect(state).toMatchObject({
      ok: true,
      value: {
        phase: 'downloaded',
        availableVersion: '1.1.0',
        progressPercent: 100,
        channel: 'S001',
      },
    });
    expect(port.configured).toEqual([
      { url: 'https://jyt.example.cn/api/v1/updates/S001/', channel: 'S001' },
    ]);
  });

  it('installs only after a fresh pre-update backup', async () => {
    let now = 1_000_000;
    const port = scriptedUpdater([{ type: 'downloaded', version: '1.1.0' }]);
    const backups = createBackupStore({
      dir,
      appVersion: '1.0.0',
      minFreeBytes: 0,
      now: () => now,
    });
    const updates = createUpdateController({
      port,
      currentVersion: '1.0.0',
      backupStore: backups,
      feed,
      now: () => now,
    });
    expect(await updates.install('01JAAAAAAAAAAAAAAAAAAAAAAA')).toMatchObject({
      ok: false,
      error: { code: 'UPDATE_NOT_READY' },
    });
    await updates.check();

    const manual = await backups.save({ reason: 'manual', data: Buffer.from('x') });
    if (!manual.ok) throw new Error('backup');
    expect(await updates.install(manual.value.id)).toMatchObject({
      ok: false,
      error: { code: 'UPDATE_NEEDS_BACKUP' },
    });
    expect(await updates.install('01JAAAAAAAAAAAAAAAAAAAAAAA')).toMatchObject({
      ok: false,
      error: { code: 'UPDATE_NEEDS_BACKUP' },
    });

    const old = await backups.save({ reason: 'pre-update', data: Buffer.from('x') });
    if (!old.ok) throw new Error('backup');
    now += PRE_UPDATE_BACKUP_MAX_AGE_MS + 1;
    expect(await updates.install(old.value.id)).toMatchObject({
      ok: false,
      error: { code: 'UPDATE_NEEDS_BACKUP' },
    });
    expect(port.installs).toBe(0);

    const fresh = await backups.save({ reason: 'pre-update', data: Buffer.from('x') });
    if (!fresh.ok) throw new Error('backup');
    expect(await updates.install(fresh.value.id)).toMatchObject({
      ok: true,
      value: { phase: 'installing' },
    });
    expect(port.installs).toBe(1);
  });

  it('reports errors as data and needs a server', async () => {
    const port = scriptedUpdater([{ type: 'error', message: 'net::ERR_CONNECTION_REFUSED' }]);
    const backups = createBackupStore({ dir, appVersion: '1', minFreeBytes: 0 });
    const updates = createUpdateController({
      port,
      currentVersion: '1',
      backupStore: backups,
      feed,
    });
    expect(await updates.check()).toMatchObject({
      ok: true,
      value: { phase: 'error', error: { code: 'UPDATE_FAILED' } },
    });
    const noServer = createUpdateController({
      port,
      currentVersion: '1',
      backupStore: backups,
      feed: async () => null,
    });
    expect(await noServer.check()).toMatchObject({
      ok: false,
      error: { code: 'UPDATE_NO_SERVER' },
    });
    const disabled = createDisabledUpdates('1', { message: '不可用', messageEn: 'n/a' });
    expect(disabled.state().phase).toBe('disabled');
    expect(await disabled.check()).toMatchObject({ ok: false, error: { code: 'UPDATE_DISABLED' } });
  });
});
