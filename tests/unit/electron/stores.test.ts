import { readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createBackupStore } from '../../../electron/backup/backupStore.ts';
import { createDeviceStore } from '../../../electron/device/deviceStore.ts';
import { createLogSink } from '../../../electron/logging/logSink.ts';
import { createSettingsStore } from '../../../electron/settings/settingsStore.ts';
import { keyringProtector, tempDir } from './support.ts';

let dir: string;
let cleanup: () => Promise<void>;
beforeEach(async () => ({ dir, cleanup } = await tempDir()));
afterEach(() => cleanup());

describe('settings store', () => {
  it('persists patches and serialises concurrent writers', async () => {
    const store = createSettingsStore({ dataDir: dir, hostKind: 'electron' });
    const seen: number[] = [];
    store.onChange((s) => seen.push(s.idleLockMinutes));
    await Promise.all([
      store.update({ idleLockMinutes: 5 }),
      store.update({ language: 'en-US' }),
      store.update({ serverUrl: 'https://jyt.example.cn/' }),
    ]);
    const reloaded = await createSettingsStore({ dataDir: dir, hostKind: 'electron' }).get();
    expect(reloaded).toMatchObject({
      idleLockMinutes: 5,
      language: 'en-US',
      serverUrl: 'https://jyt.example.cn',
    });
    expect(seen).toEqual([5, 5, 5]);
  });

  it('refuses invalid values and keeps the old ones', async () => {
    const store = createSettingsStore({ dataDir: dir, hostKind: 'electron' });
    const result = await store.update({ serverUrl: 'http://jyt.example.cn' });
    expect(result.ok).toBe(false);
    expect((await store.get()).serverUrl).toBeNull();
  });

  it('falls back to defaults field by field for a damaged file', async () => {
    await writeFile(
      join(dir, 'settings.json'),
      JSON.stringify({ idleLockMinutes: 'ten', language: 'en-US', extra: 1 }),
    );
    const settings = await createSettingsStore({ dataDir: dir, hostKind: 'browser' }).get();
    expect(settings).toMatchObject({
      idleLockMinutes: 10,
      language: 'en-US',
      idCardReader: { kind: 'simulator' },
    });
  });
});

describe('device store', () => {
  const enrolment = {
    serverUrl: 'https://jyt.example.cn',
    deviceId: 'DEV-1',
    stationId: 'ST-1',
    stationCode: 'S001',
    credential: 'very-secret-device-credential',
    enrolledAt: 1_763_700_000_000,
  };

  it('keeps a stable installation id and seals the credential at rest', async () => {
    const protector = keyringProtector();
    const store = createDeviceStore({ dataDir: dir, protector });
    const first = await store.identity();
    if (!first.ok) throw new Error(first.error.code);
    expect(first.value.enrolment).toBeNull();
    const set = await store.setEnrolment(enrolment);
    expect(set.ok && set.value.enrolment).toEqual(enrolment);
    expect(set.ok && set.value.installationId).toBe(first.value.installationId);
    const file = await readFile(join(dir, 'device.json'), 'utf8');
    expect(file).not.toContain(enrolment.credential);
    const again = await createDeviceStore({ dataDir: dir, protector }).identity();
    expect(again.ok && again.value.enrolment?.credential).toBe(enrolment.credential);
    const cleared = await store.clearEnrolment();
    expect(cleared.ok && cleared.value).toEqual({
      installationId: first.value.installationId,
      enrolment: null,
    });
  });

  it('asks for re-enrolment when the keyring changed', async () => {
    await createDeviceStore({ dataDir: dir, protector: keyringProtector() }).setEnrolment(
      enrolment,
    );
    const other = await createDeviceStore({
      dataDir: dir,
      protector: keyringProtector(),
    }).identity();
    expect(other.ok || other.error.code).toBe('DEVICE_CREDENTIAL_UNREADABLE');
  });
});

describe('backup store', () => {
  it('saves, lists newest first and reads back verified blobs', async () => {
    let t = 1_000;
    const store = createBackupStore({
      dir: join(dir, 'backups'),
      appVersion: '1.2.3',
      now: () => (t += 1000),
      minFreeBytes: 0,
    });
    const a = await store.save({ reason: 'manual', data: Buffer.from('first'), note: 'v1' });
    const b = await store.save({ reason: 'pre-update', data: Buffer.from('second') });
    if (!a.ok || !b.ok) throw new Error('save failed');
    expect((await store.list()).map((e) => e.id)).toEqual([b.value.id, a.value.id]);
    const read = await store.read(a.value.id);
    expect(read.ok && Buffer.from(read.value.data, 'base64').toString()).toBe('first');
    expect(read.ok && read.value.entry).toMatchObject({
      reason: 'manual',
      appVersion: '1.2.3',
      note: 'v1',
      sizeBytes: 5,
    });
    if (process.platform !== 'win32') {
      expect((await stat(join(dir, 'backups', `${a.value.id}.wpbak`))).mode & 0o077).toBe(0);
    }
  });

  it('detects a corrupted blob and unknown ids', async () => {
    const store = createBackupStore({ dir, appVersion: '1', minFreeBytes: 0 });
    const saved = await store.save({ reason: 'manual', data: Buffer.from('payload') });
    if (!saved.ok) throw new Error('save failed');
    await writeFile(join(dir, `${saved.value.id}.wpbak`), 'tampered');
    const corrupt = await store.read(saved.value.id);
    expect(corrupt.ok || corrupt.error.code).toBe('BACKUP_CORRUPT');
    const missing = await store.read('01JAAAAAAAAAAAAAAAAAAAAAAA');
    expect(missing.ok || missing.error.code).toBe('BACKUP_NOT_FOUND');
    const traversal = await store.read('../../etc/passwd');
    expect(traversal.ok || traversal.error.code).toBe('BACKUP_NOT_FOUND');
  });

  it('prunes old scheduled backups but never manual ones', async () => {
    let t = 0;
    const store = createBackupStore({
      dir,
      appVersion: '1',
      now: () => (t += 10),
      retain: { scheduled: 2 },
      minFreeBytes: 0,
    });
    for (let i = 0; i < 4; i++)
      await store.save({ reason: 'scheduled', data: Buffer.from(`s${i}`) });
    for (let i = 0; i < 3; i++) await store.save({ reason: 'manual', data: Buffer.from(`m${i}`) });
    const list = await store.list();
    expect(list.filter((e) => e.reason === 'scheduled')).toHaveLength(2);
    expect(list.filter((e) => e.reason === 'manual')).toHaveLength(3);
  });

  it('refuses a backup that would fill the disk', async () => {
    const store = createBackupStore({
      dir,
      appVersion: '1',
      minFreeBytes: Number.MAX_SAFE_INTEGER,
    });
    const result = await store.save({ reason: 'manual', data: Buffer.from('x') });
    expect(result.ok || result.error.code).toBe('BACKUP_DISK_FULL');
  });
});

describe('log sink', () => {
  it('writes redacted JSON lines and rotates', async () => {
    const sink = createLogSink({ dir, maxBytes: 400, keep: 2 });
    await sink.write('renderer', [
      {
        level: 'warn',
        message: '查询 110105199003071239 失败，电话 13812345678',
        context: { name: '王小明', count: 2 },
      },
    ]);
    const text = await readFile(join(dir, 'host.log'), 'utf8');
    expect(text).not.toMatch(/110105199003071239|13812345678|王小明/);
    const line = JSON.parse(text.trim()) as Record<string, unknown>;
    expect(line).toMatchObject({ source: 'renderer', level: 'warn', context: { count: 2 } });
    for (let i = 0; i < 10; i++)
      await sink.write('host', [{ level: 'info', message: `line ${i} ${'x'.repeat(100)}` }]);
    await expect(stat(join(dir, 'host.log.1'))).resolves.toBeTruthy();
    await expect(stat(join(dir, 'host.log.3'))).rejects.toThrow();
  });
});
