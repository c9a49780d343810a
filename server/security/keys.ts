// One 256-bit server secret (env WAYPOST_PII_KEY, or a key file generated in DATA_DIR) from
// which separate keys are derived with HKDF: PII encryption, keyed hashes, token signing.
// Every replica of one deployment must share the secret.
import { hkdfSync, randomBytes } from 'node:crypto';
import { chmod, mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

export interface ServerKeys {
  /** AES-256-GCM key for the schema's `encrypted` fields and quarantined payloads. */
  readonly pii: Buffer;
  /** HMAC key for document fingerprints (conflict detection without decrypting). */
  readonly docHash: Buffer;
  /** HMAC key for the public track look-up (acceptanceNo + birthDate). */
  readonly trackIndex: Buffer;
  /** HMAC key signing access tokens and stream tickets. */
  readonly tokens: Buffer;
}

export const KEY_FILE = 'server.key';

export function deriveKeys(secret: Buffer): ServerKeys {
  if (secret.length !== 32) throw new Error('the server secret must be 32 bytes');
  const derive = (info: string): Buffer =>
    Buffer.from(hkdfSync('sha256', secret, 'waypost-server-v1', info, 32));
  return {
    pii: derive('pii-encryption'),
    docHash: derive('document-hash'),
    trackIndex: derive('track-index'),
    tokens: derive('access-tokens'),
  };
}

/** Accepts 64 hex characters or base64 of 32 bytes. */
export function parseSecret(text: string): Buffer {
  const trimmed = text.trim();
  const bytes = /^[0-9a-fA-F]{64}$/.test(trimmed)
    ? Buffer.from(trimmed, 'hex')
    : Buffer.from(trimmed, 'base64');
  if (bytes.length !== 32) {
    throw new Error('WAYPOST_PII_KEY must be 32 bytes as 64 hex characters or base64');
  }
  return bytes;
}

/** The env secret if set; else DATA_DIR/server.key, created (mode 0600) on first start. */
export async function loadServerSecret(dataDir: string, envValue?: string): Promise<Buffer> {
  if (envValue) return parseSecret(envValue);
  const path = join(dataDir, KEY_FILE);
  try {
    return parseSecret(await readFile(path, 'utf8'));
  } catch (error) {
    if (!isMissing(error)) throw error;
  }
  await mkdir(dataDir, { recursive: true });
  const secret = randomBytes(32);
  try {
    await writeFile(path, `${secret.toString('hex')}\n`, { mode: 0o600, flag: 'wx' });
  } catch (error) {
    // Another process created it first: use theirs.
    if (isExists(error)) return parseSecret(await readFile(path, 'utf8'));
    throw error;
  }
  await chmod(path, 0o600);
  return secret;
}

const isMissing = (error: unknown): boolean =>
  error instanceof Error && 'code' in error && error.code === 'ENOENT';
const isExists = (error: unknown): boolean =>
  error instanceof Error && 'code' in error && error.code === 'EEXIST';
