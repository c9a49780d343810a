// Small JSON files in dataDir: printers.json, layouts/<hash>.json,
// batches/<hash>.batch.json and .status.json. One helper for all of them:
// written atomically (temp file, fsync, rename, fsync of the directory) so a
// crash leaves the old or the new version, never half of one; writes to one
// file are serialised; what is read back is shape-checked, never trusted.
import { createHash } from 'node:crypto';
import { mkdir, open, readFile, rename, rm } from 'node:fs/promises';
import path from 'node:path';

let tempSerial = 0;

export async function writeJsonAtomic(file: string, value: unknown): Promise<void> {
  const dir = path.dirname(file);
  await mkdir(dir, { recursive: true });
  // Unique per write, also for two writes of one file in the same millisecond.
  tempSerial += 1;
  const temp = `${file}.${process.pid}.${tempSerial}.tmp`;
  try {
    const handle = await open(temp, 'w');
    try {
      await handle.writeFile(JSON.stringify(value));
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temp, file);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
  await syncDir(dir);
}

async function syncDir(dir: string): Promise<void> {
  // Directory fsync makes the rename durable; not supported on Windows.
  if (process.platform === 'win32') return;
  const handle = await open(dir, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

function isMissingFile(error: unknown): boolean {
  return error instanceof Error && 'code' in error && error.code === 'ENOENT';
}

/** A file's text, or undefined when it does not exist (other errors throw). */
export async function readTextIfExists(file: string): Promise<string | undefined> {
  try {
    return await readFile(file, 'utf8');
  } catch (error) {
    if (isMissingFile(error)) return undefined;
    throw error;
  }
}

export async function readJson(file: string): Promise<unknown> {
  const text = await readTextIfExists(file);
  return text === undefined ? undefined : (JSON.parse(text) as unknown);
}

/** File name for a key that may contain ':' (not allowed in Windows file names). */
export function keyFileName(key: string, suffix = '.json'): string {
  return `${createHash('sha256').update(key).digest('hex').slice(0, 32)}${suffix}`;
}

type FieldKind = 'string' | 'number' | 'boolean' | 'array' | 'object';

/**
 * A type guard from the fields a stored value must have, e.g.
 * `hasFields<Entry>({ id: 'string', at: 'number' })`. Checks the fields the code
 * relies on; files written by another version that lack them are ignored.
 */
export function hasFields<T>(
  fields: Readonly<Record<string, FieldKind>>,
): (value: unknown) => value is T {
  const expected = Object.entries(fields);
  return (value: unknown): value is T => {
    if (typeof value !== 'object' || value === null) return false;
    return expected.every(([name, kind]) => {
      const field: unknown = Reflect.get(value, name);
      if (kind === 'array') return Array.isArray(field);
      if (kind === 'object') return typeof field === 'object' && field !== null;
      return typeof field === kind;
    });
  };
}

/** Runs writes of one key one after another; other keys go in parallel. */
function writeQueue(): (key: string, write: () => Promise<void>) => Promise<void> {
  const tails = new Map<string, Promise<unknown>>();
  return (key, write) => {
    const run = (tails.get(key) ?? Promise.resolve()).then(write);
    const settled = run.catch(() => undefined);
    tails.set(key, settled);
    void settled.then(() => {
      if (tails.get(key) === settled) tails.delete(key);
    });
    return run;
  };
}

/** One JSON document in one file. */
export interface JsonDocument<T> {
  /** The stored value; undefined when the file is missing or fails the shape check. */
  read(): Promise<T | undefined>;
  /** Replace the value (atomic, durable), after any write already under way. */
  write(value: T): Promise<void>;
}

export function jsonDocument<T>(
  file: string,
  isValue: (value: unknown) => value is T,
): JsonDocument<T> {
  const queue = writeQueue();
  return {
    async read() {
      const raw = await readJson(file);
      return isValue(raw) ? raw : undefined;
    },
    write: (value) => queue(file, () => writeJsonAtomic(file, value)),
  };
}

/** JSON documents in one folder, one per key, under hashed file names. */
export interface KeyedJsonStore<T> {
  /** Atomic and durable; saves of one key land in call order. */
  save(key: string, value: T): Promise<void>;
  /** The value saved under this key; undefined when missing or not valid for the key. */
  load(key: string): Promise<T | undefined>;
}

export function keyedJsonStore<T>(
  dir: string,
  suffix: string,
  /** Also checks the value belongs to the key: a hash collision must not mix labels. */
  isValueFor: (value: unknown, key: string) => value is T,
): KeyedJsonStore<T> {
  const queue = writeQueue();
  const fileFor = (key: string) => path.join(dir, keyFileName(key, suffix));
  return {
    save: (key, value) => queue(key, () => writeJsonAtomic(fileFor(key), value)),
    async load(key) {
      const raw = await readJson(fileFor(key));
      return isValueFor(raw, key) ? raw : undefined;
    },
  };
}
