// Backup files for the renderer's data layer. The data layer encrypts; the host only
// stores, lists and reads back opaque blobs, and checks their integrity.
import { createHash } from 'node:crypto';
import { readdir, readFile, rm, statfs } from 'node:fs/promises';
import { join } from 'node:path';
import { ulid } from 'ulid';
import type { BackupReason } from '../../shared/host/schemas.ts';
import type { BackupBlob, BackupEntry } from '../../shared/host/types.ts';
import { fail, ok, type Result } from '../../shared/result.ts';
import { isNotFound, readJsonFile, writeFileAtomic } from '../storage/files.ts';

export interface BackupStore {
  save(input: {
    reason: BackupReason;
    data: Uint8Array;
    note?: string;
  }): Promise<Result<BackupEntry>>;
  list(): Promise<BackupEntry[]>;
  read(id: string): Promise<Result<BackupBlob>>;
  get(id: string): Promise<BackupEntry | undefined>;
}

export interface BackupStoreOptions {
  dir: string;
  appVersion: string;
  now?: () => number;
  /** Newest backups kept per reason; manual backups are never pruned. */
  retain?: Partial<Record<BackupReason, number>>;
  /** Refuse a backup that would leave less than this free (bytes). */
  minFreeBytes?: number;
}

const ID = /^[0-9A-HJKMNP-TV-Z]{26}$/;

export function createBackupStore(options: BackupStoreOptions): BackupStore {
  const { dir } = options;
  const now = options.now ?? Date.now;
  const retain = { scheduled: 14, 'pre-update': 5, ...options.retain };
  const minFreeBytes = options.minFreeBytes ?? 200 * 1024 * 1024;
  const blobPath = (id: string) => join(dir, `${id}.wpbak`);
  const metaPath = (id: string) => join(dir, `${id}.json`);

  async function get(id: string): Promise<BackupEntry | undefined> {
    if (!ID.test(id)) return undefined;
    const raw = await readJsonFile(metaPath(id));
    return isBackupEntry(raw) && raw.id === id ? raw : undefined;
  }

  async function list(): Promise<BackupEntry[]> {
    let names: string[];
    try {
      names = await readdir(dir);
    } catch (error) {
      if (isNotFound(error)) return [];
      throw error;
    }
    const entries: BackupEntry[] = [];
    for (const name of names) {
      if (!name.endsWith('.json')) continue;
      const entry = await get(name.slice(0, -'.json'.length));
      if (entry) entries.push(entry);
    }
    return entries.sort((a, b) => b.createdAt - a.createdAt || (a.id < b.id ? 1 : -1));
  }

  async function prune(reason: BackupReason): Promise<void> {
    const limit = reason === 'manual' ? undefined : retain[reason];
    if (limit === undefined) return;
    const same = (await list()).filter((entry) => entry.reason === reason);
    for (const old of same.slice(limit)) {
      await rm(metaPath(old.id), { force: true });
      await rm(blobPath(old.id), { force: true });
    }
  }

  return {
    get,
    list,
    async save({ reason, data, note }) {
      const free = await freeBytes(dir);
      if (free !== null && free - data.length < minFreeBytes) {
        return fail(
          'BACKUP_DISK_FULL',
          '磁盘空间不足，无法保存备份，请清理磁盘后重试',
          'Not enough free disk space for the backup',
        );
      }
      const id = ulid(now());
      const entry: BackupEntry = {
        id,
        createdAt: now(),
        reason,
        sizeBytes: data.length,
        sha256: createHash('sha256').update(data).digest('hex'),
        appVersion: options.appVersion,
        note: note ?? null,
      };
      // Blob first, metadata last: a listed backup always has its complete blob.
      await writeFileAtomic(blobPath(id), data);
      await writeFileAtomic(metaPath(id), JSON.stringify(entry, null, 2));
      await prune(reason);
      return ok(entry);
    },
    async read(id) {
      const entry = await get(id);
      if (!entry) {
        return fail('BACKUP_NOT_FOUND', '找不到该备份', 'Backup not found', 'id');
      }
      const data = await readFile(blobPath(id));
      if (createHash('sha256').update(data).digest('hex') !== entry.sha256) {
        return fail(
          'BACKUP_CORRUPT',
          '备份文件已损坏（校验不符）',
          'Backup file is corrupt (checksum mismatch)',
        );
      }
      return ok({ entry, data: data.toString('base64') });
    },
  };
}

/** Free bytes on the disk holding `path` (or its nearest existing parent); null if unknown. */
export async function freeBytes(path: string): Promise<number | null> {
  const disk = await diskUsage(path);
  return disk?.freeBytes ?? null;
}

export async function diskUsage(
  path: string,
): Promise<{ freeBytes: number; totalBytes: number } | null> {
  let probe = path;
  for (let i = 0; i < 32; i++) {
    try {
      const s = await statfs(probe);
      return { freeBytes: s.bavail * s.bsize, totalBytes: s.blocks * s.bsize };
    } catch (error) {
      if (!isNotFound(error)) return null;
      const parent = join(probe, '..');
      if (parent === probe) return null;
      probe = parent;
    }
  }
  return null;
}

function isBackupEntry(value: unknown): value is BackupEntry {
  if (typeof value !== 'object' || value === null) return false;
  const v: Record<string, unknown> = { ...value };
  return (
    typeof v.id === 'string' &&
    typeof v.createdAt === 'number' &&
    (v.reason === 'manual' || v.reason === 'scheduled' || v.reason === 'pre-update') &&
    typeof v.sizeBytes === 'number' &&
    typeof v.sha256 === 'string' &&
    typeof v.appVersion === 'string'
  );
}
