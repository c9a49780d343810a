import { describe, expect, it } from 'vitest';
import {
  createVerifier,
  daysLeft,
  verifyOffline,
  type StaffProfile,
} from '../../../renderer/features/login/offline-verifier.ts';

const profile: StaffProfile = {
  staffId: 'st-1',
  username: 'clerk1',
  name: '测试柜员',
  role: 'clerk',
  stationId: 'S001',
};
const DAY = 86_400_000;
const fast = { iterations: 1000 };

describe('offline login verifier', () => {
  it('accepts the right password and returns the profile', async () => {
    const v = await createVerifier(profile, '正确的密码 pw1', { now: 0, validityDays: 7, ...fast });
    const result = await verifyOffline(v, '正确的密码 pw1', DAY);
    expect(result).toEqual({ ok: true, value: profile });
    expect(daysLeft(v, DAY)).toBe(6);
  });

  it('never stores the password and salts every verifier', async () => {
    const a = await createVerifier(profile, 'secret-pw', { now: 0, validityDays: 7, ...fast });
    const b = await createVerifier(profile, 'secret-pw', { now: 0, validityDays: 7, ...fast });
    expect(JSON.stringify(a)).not.toContain('secret-pw');
    expect(a.saltB64).not.toBe(b.saltB64);
    expect(a.hashB64).not.toBe(b.hashB64);
  });

  it('uses the production iteration count by default', async () => {
    const v = await createVerifier(profile, 'pw', { now: 0, validityDays: 1 });
    expect(v.iterations).toBeGreaterThanOrEqual(600_000);
  });

  it('refuses a wrong password, an expired verifier and an unknown user with Chinese messages', async () => {
    const v = await createVerifier(profile, 'pw', { now: 0, validityDays: 7, ...fast });
    const wrong = await verifyOffline(v, 'PW', 1);
    expect(wrong.ok || wrong.error.code).toBe('OFFLINE_LOGIN_BAD_PASSWORD');
    const expired = await verifyOffline(v, 'pw', 8 * DAY);
    expect(expired.ok || expired.error.message).toMatch(/过期/);
    const unknown = await verifyOffline(undefined, 'pw', 1);
    expect(unknown.ok || unknown.error.code).toBe('OFFLINE_LOGIN_UNKNOWN_USER');
  });
});
