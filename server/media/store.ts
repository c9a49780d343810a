// Content-addressed media bytes behind an interface, so S3-compatible object storage can
// replace the local directory in a multi-replica deployment.
import { createHash, randomBytes } from 'node:crypto';
import { mkdir, open, readFile, rename, rm, stat } from 'node:fs/promises';
import { dirname, join } from 'node:path';

export interface MediaStore {
  has(sha256: string): Promise<boolean>;
  /** Stores bytes whose hash the caller has verified; a second put of the same hash is a no-op. */
  put(sha256: string, bytes: Buffer): Promise<'stored' | 'exists'>;
  get(sha256: string): Promise<Buffer | null>;
}

const SHA256 = /^[0-9a-f]{64}$/;

export const sha256Hex = (bytes: Buffer): string =>
  createHash('sha256').update(bytes).digest('hex');

/** DATA_DIR/media/ab/cd/<sha256>: written to a temp file, fsynced, then renamed into place. */
export function createFsMediaStore(root: string): MediaStore {
  const pathOf = (sha256: string): string => {
    if (!SHA256.test(sha256)) throw new Error('not a sha256');
    return join(root, sha256.slice(0, 2), sha256.slice(2, 4), sha256);
  };
  const exists = async (path: string): Promise<boolean> => {
    try {
      await stat(path);
      return true;
    } catch {
      return false;
    }
  };
  return {
    has: (sha256) => exists(pathOf(sha256)),
    async put(sha256, bytes) {
      const target = pathOf(sha256);
      if (await exists(target)) return 'exists';
      await mkdir(dirname(target), { recursive: true });
      const temp = `${target}.${randomBytes(6).toString('hex')}.tmp`;
      const handle = await open(temp, 'wx', 0o600);
      try {
        await handle.writeFile(bytes);
        await handle.sync();
      } finally {
        await handle.close();
      }
      try {
        await rename(temp, target);
      } catch (error) {
        await rm(temp, { force: true });
        throw error;
      }
      // The directory entry must survive a crash too.
      const dir = await open(dirname(target), 'r');
      try {
        await dir.sync();
      } finally {
        await dir.close();
      }
      return 'stored';
    },
    async get(sha256) {
      try {
        return await readFile(pathOf(sha256));
      } catch {
        return null;
      }
    },
  };
}

export type MediaMime = 'image/jpeg' | 'image/png' | 'application/pdf';

/** The type the bytes really are (magic numbers), whatever the client claimed. */
export function sniffMime(bytes: Buffer): MediaMime | null {
  if (bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) {
    return 'image/jpeg';
  }
  const png = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
  if (bytes.length >= 8 && png.every((b, i) => bytes[i] === b)) return 'image/png';
  if (bytes.subarray(0, 5).toString('latin1') === '%PDF-') return 'application/pdf';
  return null;
}
