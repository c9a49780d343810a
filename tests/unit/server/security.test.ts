// Keys, envelopes, tokens, passwords and scope rules of the server.
import { randomBytes } from 'node:crypto';
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { hashPassword, verifyPassword } from '../../../server/auth/passwords.ts';
import { inScope, regionPrefix } from '../../../server/auth/scope.ts';
import {
  bearerToken,
  signToken,
  verifyToken,
  type TokenClaims,
} from '../../../server/auth/tokens.ts';
import { decryptText, encryptText } from '../../../server/security/crypto.ts';
import { deriveKeys, loadServerSecret, parseSecret } from '../../../server/security/keys.ts';

const fast = { N: 1024, r: 8, p: 1 };

describe('server keys', () => {
  it('derives distinct keys and accepts hex or base64 secrets', () => {
    const keys = deriveKeys(randomBytes(32));
    const all = [keys.pii, keys.docHash, keys.trackIndex, keys.tokens].map((k) =>
      k.toString('hex'),
    );
    expect(new Set(all).size).toBe(4);
    const secret = randomBytes(32);
    expect(parseSecret(secret.toString('hex')).equals(secret)).toBe(true);
    expect(parseSecret(secret.toString('base64')).equals(secret)).toBe(true);
    expect(() => parseSecret('too short')).toThrow(/32 bytes/);
  });

  it('creates a key file (mode 0600) once and reuses it', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'waypost-keys-'));
    try {
      const first = await loadServerSecret(dir);
      expect((await stat(join(dir, 'server.key'))).mode & 0o777).toBe(0o600);
      expect((await loadServerSecret(dir)).equals(first)).toBe(true);
      expect((await readFile(join(dir, 'server.key'), 'utf8')).trim()).toBe(first.toString('hex'));
      const env = randomBytes(32);
      expect((await loadServerSecret(dir, env.toString('hex'))).equals(env)).toBe(true);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('seals text with AES-256-GCM and detects tampering', () => {
    const key = randomBytes(32);
    const envelope = encryptText(key, '身份证 110105199003071239');
    expect(envelope.startsWith('enc:v1:')).toBe(true);
    expect(encryptText(key, 'same')).not.toBe(encryptText(key, 'same'));
    expect(decryptText(key, envelope)).toBe('身份证 110105199003071239');
    const raw = Buffer.from(envelope.slice(7), 'base64url');
    raw.writeUInt8(raw.readUInt8(raw.length - 1) ^ 1, raw.length - 1);
    expect(() => decryptText(key, `enc:v1:${raw.toString('base64url')}`)).toThrow();
  });
});

describe('tokens', () => {
  const key = randomBytes(32);
  const now = 1_800_000_000;
  const claims: TokenClaims = {
    typ: 'access',
    sid: 's',
    staffId: 'u',
    deviceId: 'd',
    stationId: 'S1',
    role: 'clerk',
    iat: now,
    exp: now + 900,
  };

  it('verifies its own signature and expiry', () => {
    const token = signToken(key, claims);
    expect(verifyToken(key, token, now + 1)).toEqual(claims);
    expect(verifyToken(key, token, now + 900)).toBeNull();
    expect(verifyToken(randomBytes(32), token, now)).toBeNull();
    const [p, , mac] = token.split('.');
    const admin = Buffer.from(JSON.stringify({ ...claims, role: 'admin' })).toString('base64url');
    expect(verifyToken(key, `${p}.${admin}.${mac}`, now)).toBeNull();
    expect(
      verifyToken(key, signToken(key, { ...claims, role: 'root' as TokenClaims['role'] }), now),
    ).toBeNull();
  });

  it('reads only well-formed bearer headers', () => {
    expect(bearerToken('Bearer wp1.abc.def')).toBe('wp1.abc.def');
    expect(bearerToken('Basic abc')).toBeNull();
    expect(bearerToken(undefined)).toBeNull();
    expect(bearerToken('Bearer a b')).toBeNull();
  });
});

describe('passwords', () => {
  it('hashes with a per-user salt and verifies', async () => {
    const one = await hashPassword('correct horse', fast);
    const two = await hashPassword('correct horse', fast);
    expect(one).not.toBe(two);
    expect(one.startsWith('scrypt$1024$8$1$')).toBe(true);
    expect(await verifyPassword('correct horse', one)).toBe(true);
    expect(await verifyPassword('correct hors', one)).toBe(false);
    expect(await verifyPassword('x', 'garbage')).toBe(false);
  });
});

describe('scope', () => {
  it("takes a supervisor's region from the station's division", () => {
    expect(regionPrefix('140106')).toBe('1401');
    expect(regionPrefix('140100')).toBe('1401');
    expect(regionPrefix('140000')).toBe('14');
    expect(inScope({ kind: 'all' }, ['X'])).toBe(true);
    expect(inScope({ kind: 'stations', stations: ['S1'] }, ['S2', 'S1'])).toBe(true);
    expect(inScope({ kind: 'stations', stations: ['S1'] }, ['S2'])).toBe(false);
  });
});
