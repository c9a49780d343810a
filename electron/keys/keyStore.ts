// Random 256-bit keys, created once per data dir and kept sealed by a SecretProtector.
// Losing the database key loses every encrypted record, so this code never overwrites or
// regenerates an existing key file: an unreadable key is an error for a human to resolve.
import { randomBytes } from 'node:crypto';
import { chmod, link, mkdir, open, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { KeyMaterial, KeyProtection } from '../../shared/host/types.ts';
import { fail, ok, type Result } from '../../shared/result.ts';
import { isAlreadyExists, isNotFound, readJsonFile, syncDir } from '../storage/files.ts';
import type { SecretProtector } from './protector.ts';

export type KeyPurpose = 'database' | 'blindIndex';

export interface KeyStore {
  readonly protection: KeyProtection;
  getOrCreate(purpose: KeyPurpose): Promise<Result<KeyMaterial>>;
}

interface KeyFile {
  readonly format: 1;
  readonly purpose: KeyPurpose;
  readonly protection: KeyProtection;
  readonly createdAt: number;
  /** Sealed key bytes, base64. */
  readonly sealed: string;
}

const KEY_BYTES = 32;

export function createKeyStore(options: {
  dir: string;
  protector: SecretProtector;
  now?: () => number;
}): KeyStore {
  const { dir, protector } = options;
  const now = options.now ?? Date.now;
  // One in-flight creation per purpose within this process; link() below covers the rest.
  const pending = new Map<KeyPurpose, Promise<Result<KeyMaterial>>>();

  const pathOf = (purpose: KeyPurpose) => join(dir, `${purpose}.key.json`);

  async function read(purpose: KeyPurpose): Promise<Result<KeyMaterial> | undefined> {
    const raw = await readJsonFile(pathOf(purpose));
    if (raw === undefined) return undefined;
    if (!isKeyFile(raw) || raw.purpose !== purpose) return unreadable(purpose);
    if (raw.protection !== protector.kind) {
      return fail(
        'KEY_PROTECTION_MISMATCH',
        `密钥文件由另一种方式保护（${raw.protection}），当前为 ${protector.kind}，为防止数据丢失已停止`,
        `Key file is protected by ${raw.protection}, this host uses ${protector.kind}; stopped to avoid data loss`,
      );
    }
    const ready = protector.ready();
    if (!ready.ok) return ready;
    if (protector.kind === 'file') await tightenMode(pathOf(purpose));
    let key: Uint8Array;
    try {
      key = protector.open(Buffer.from(raw.sealed, 'base64'));
    } catch {
      return unreadable(purpose);
    }
    if (key.length !== KEY_BYTES) return unreadable(purpose);
    return ok({
      key: Buffer.from(key).toString('base64'),
      protection: protector.kind,
      createdAt: raw.createdAt,
    });
  }

  async function create(purpose: KeyPurpose): Promise<Result<KeyMaterial>> {
    const ready = protector.ready();
    if (!ready.ok) return ready;
    await mkdir(dir, { recursive: true, mode: 0o700 });
    const file: KeyFile = {
      format: 1,
      purpose,
      protection: protector.kind,
      createdAt: now(),
      sealed: Buffer.from(protector.seal(randomBytes(KEY_BYTES))).toString('base64'),
    };
    const temp = join(dir, `.${purpose}.${randomBytes(6).toString('hex')}.tmp`);
    const handle = await open(temp, 'wx', 0o600);
    try {
      await handle.writeFile(JSON.stringify(file));
      await handle.sync();
    } finally {
      await handle.close();
    }
    try {
      // link() never replaces an existing file: if another process won the race, its key
      // stands and ours is discarded before anyone could use it.
      await link(temp, pathOf(purpose));
    } catch (error) {
      if (!isAlreadyExists(error)) throw error;
    } finally {
      await rm(temp, { force: true });
    }
    await syncDir(dir);
    return (await read(purpose)) ?? unreadable(purpose);
  }

  async function getOrCreate(purpose: KeyPurpose): Promise<Result<KeyMaterial>> {
    return (await read(purpose)) ?? create(purpose);
  }

  return {
    protection: protector.kind,
    getOrCreate(purpose) {
      const inFlight = pending.get(purpose);
      if (inFlight) return inFlight;
      const started = getOrCreate(purpose).finally(() => pending.delete(purpose));
      pending.set(purpose, started);
      return started;
    },
  };
}

function isKeyFile(value: unknown): value is KeyFile {
  if (typeof value !== 'object' || value === null) return false;
  const v: Record<string, unknown> = { ...value };
  return (
    v.format === 1 &&
    (v.purpose === 'database' || v.purpose === 'blindIndex') &&
    (v.protection === 'safeStorage' || v.protection === 'file') &&
    typeof v.createdAt === 'number' &&
    typeof v.sealed === 'string'
  );
}

function unreadable(purpose: KeyPurpose) {
  return fail(
    'KEY_UNREADABLE',
    `无法读取${purpose === 'database' ? '数据库' : '检索'}密钥（系统密钥环变更或文件损坏）。为防止数据丢失不会重新生成，请联系技术支持`,
    `Cannot read the ${purpose} key (keyring changed or file damaged); it is never regenerated automatically`,
  );
}

/** The file fallback relies on the mode alone, so never leave it readable by others. */
async function tightenMode(path: string): Promise<void> {
  if (process.platform === 'win32') return;
  try {
    const info = await stat(path);
    if ((info.mode & 0o077) !== 0) await chmod(path, 0o600);
  } catch (error) {
    if (!isNotFound(error)) throw error;
  }
}
