// Enrolment, login, lock-out, refresh rotation with reuse detection, logout and revocation,
// against a real server and database.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createEnrolmentCode,
  revokeDevice,
  setStaffDisabled,
} from '../../../server/admin/commands.ts';
import { signToken } from '../../../server/auth/tokens.ts';
import { deriveKeys } from '../../../server/security/keys.ts';
import { unwrap } from '../../../shared/result.ts';
import {
  api,
  enrolDevice,
  ensureStation,
  loginAs,
  startTestServer,
  type Session,
  type TestServer,
} from '../../support/server-app.ts';
import { databaseKinds } from '../../support/server-db.ts';

describe.each(databaseKinds())('auth on %s', (kind) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ kind });
    await ensureStation(server.db, 'A1', '140106');
    await ensureStation(server.db, 'B1', '140106');
    await ensureStation(server.db, 'X1', '440305');
  });
  afterAll(async () => server.close());

  const config = (session: { accessToken: string }) =>
    api(server, { method: 'GET', url: '/config' }, session);
  const login = (
    session: Pick<Session, 'username' | 'deviceId' | 'deviceSecret'>,
    password: string,
  ) =>
    api(server, {
      method: 'POST',
      url: '/auth/login',
      payload: {
        username: session.username,
        password,
        deviceId: session.deviceId,
        deviceSecret: session.deviceSecret,
      },
    });

  describe('enrolment', () => {
    it('turns a one-time code into a device credential and burns the code', async () => {
      const { code } = unwrap(await createEnrolmentCode(server.db, { station: 'A1' }));
      // Typed by a person: lower case, spaces instead of dashes.
      const typed = code.toLowerCase().replaceAll('-', ' ');
      const first = await api(server, {
        method: 'POST',
        url: '/devices/enroll',
        payload: { code: typed, label: '窗口1' },
      });
      expect(first.statusCode).toBe(200);
      const body = first.json();
      expect(body.deviceId).toMatch(/^[0-9A-Z]{26}$/);
      expect(body.deviceSecret.length).toBeGreaterThanOrEqual(40);
      expect(body.station).toMatchObject({ code: 'A1', divisionCode: '140106' });
      const again = await api(server, {
        method: 'POST',
        url: '/devices/enroll',
        payload: { code },
      });
      expect(again.statusCode).toBe(401);
      expect(again.json()).toMatchObject({
        code: 'ENROLMENT_CODE_INVALID',
        message: expect.stringMatching(/登记码/),
      });
      const { rows } = await server.db.query('SELECT secret_hash FROM devices WHERE id = $1', [
        body.deviceId,
      ]);
      expect(Buffer.from(rows[0]?.secret_hash as Uint8Array).toString('base64url')).not.toBe(
        body.deviceSecret,
      );
    });

    it('refuses unknown and expired codes', async () => {
      const unknown = await api(server, {
        method: 'POST',
        url: '/devices/enroll',
        payload: { code: 'AAAA-BBBB-CCCC' },
      });
      expect(unknown.statusCode).toBe(401);
      const { code } = unwrap(await createEnrolmentCode(server.db, { station: 'A1' }));
      await server.db.query(`UPDATE enrolment_codes SET expires_at = now() - interval '1 second'`);
      const expired = await api(server, {
        method: 'POST',
        url: '/devices/enroll',
        payload: { code },
      });
      expect(expired.statusCode).toBe(401);
    });
  });

  describe('login', () => {
    it('returns tokens, the display name and role', async () => {
      const session = await loginAs(server, { stationId: 'A1', role: 'van' });
      const response = await login(session, session.password);
      expect(response.statusCode).toBe(200);
      const body = response.json();
      expect(body.staff).toEqual({
        id: session.staffId,
        username: session.username,
        displayName: '测试员',
        role: 'van',
        stationId: 'A1',
      });
      expect(body.device).toEqual({ id: session.deviceId, stationId: 'A1' });
      expect(body.accessTokenExpiresAt - Date.now()).toBeLessThanOrEqual(15 * 60 * 1000 + 1000);
      expect(body.refreshTokenExpiresAt).toBeGreaterThan(body.accessTokenExpiresAt);
      expect((await config(body)).statusCode).toBe(200);
    });

    it('answers a wrong password and an unknown user identically', async () => {
      const session = await loginAs(server, { stationId: 'A1' });
      const wrong = await login(session, 'not-the-password');
      const unknown = await login({ ...session, username: 'nobody-here' }, 'whatever-password');
      expect(wrong.statusCode).toBe(401);
      expect(unknown.statusCode).toBe(401);
      expect(wrong.json()).toEqual(unknown.json());
      expect(wrong.json().code).toBe('LOGIN_FAILED');
    });

    it('refuses a wrong device secret', async () => {
      const session = await loginAs(server, { stationId: 'A1' });
      const response = await login({ ...session, deviceSecret: 'x'.repeat(43) }, session.password);
      expect(response.statusCode).toBe(401);
      expect(response.json().code).toBe('DEVICE_INVALID');
    });

    it("refuses a clerk on another station's device, allows a supervisor within the region", async () => {
      const clerk = await loginAs(server, { stationId: 'A1' });
      const deviceB = await enrolDevice(server, 'B1');
      const deviceX = await enrolDevice(server, 'X1');
      const refused = await login({ ...deviceB, username: clerk.username }, clerk.password);
      expect(refused.statusCode).toBe(403);
      expect(refused.json().code).toBe('STAFF_WRONG_STATION');
      const supervisor = await loginAs(server, { stationId: 'A1', role: 'supervisor' });
      expect(
        (await login({ ...deviceB, username: supervisor.username }, supervisor.password))
          .statusCode,
      ).toBe(200);
      expect(
        (await login({ ...deviceX, username: supervisor.username }, supervisor.password))
          .statusCode,
      ).toBe(403);
      const admin = await loginAs(server, { stationId: 'A1', role: 'admin' });
      expect(
        (await login({ ...deviceX, username: admin.username }, admin.password)).statusCode,
      ).toBe(200);
    });

    it('locks the account for 15 minutes after 5 wrong passwords', async () => {
      const session = await loginAs(server, { stationId: 'A1' });
      for (let i = 0; i < 5; i++) expect((await login(session, `wrong-${i}`)).statusCode).toBe(401);
      const locked = await login(session, session.password);
      expect(locked.statusCode).toBe(423);
      expect(locked.json()).toMatchObject({
        code: 'ACCOUNT_LOCKED',
        message: expect.stringMatching(/15 分钟/),
      });
      const { rows } = await server.db.query<{ minutes: number }>(
        `SELECT round(extract(epoch FROM locked_until - now()) / 60)::int AS minutes FROM staff WHERE username = $1`,
        [session.username],
      );
      expect(rows[0]?.minutes).toBe(15);
      // The lock runs out: the right password works again and the counter starts over.
      await server.db.query(
        `UPDATE staff SET locked_until = now() - interval '1 second' WHERE username = $1`,
        [session.username],
      );
      expect((await login(session, session.password)).statusCode).toBe(200);
      const audit = await server.db.query(
        `SELECT 1 FROM audit WHERE action = 'account_locked' AND staff_id = $1`,
        [session.staffId],
      );
      expect(audit.rows).toHaveLength(1);
    });
  });

  describe('tokens', () => {
    it('rotates refresh tokens; reusing a rotated one revokes the whole family', async () => {
      const session = await loginAs(server, { stationId: 'A1' });
      const first = await api(server, {
        method: 'POST',
        url: '/auth/refresh',
        payload: { refreshToken: session.refreshToken },
      });
      expect(first.statusCode).toBe(200);
      const rotated = first.json();
      expect(rotated.refreshToken).not.toBe(session.refreshToken);
      expect((await config(rotated)).statusCode).toBe(200);

      const reuse = await api(server, {
        method: 'POST',
        url: '/auth/refresh',
        payload: { refreshToken: session.refreshToken },
      });
      expect(reuse.statusCode).toBe(401);
      expect(reuse.json().code).toBe('REFRESH_REUSED');
      // Every token of the family is dead now, the newest included.
      const next = await api(server, {
        method: 'POST',
        url: '/auth/refresh',
        payload: { refreshToken: rotated.refreshToken },
      });
      expect(next.statusCode).toBe(401);
      expect((await config(rotated)).statusCode).toBe(401);
      expect((await config(session)).statusCode).toBe(401);
    });

    it('logout ends the session on the next request', async () => {
      const session = await loginAs(server, { stationId: 'A1' });
      expect((await config(session)).statusCode).toBe(200);
      const out = await api(server, { method: 'POST', url: '/auth/logout' }, session);
      expect(out.statusCode).toBe(204);
      expect((await config(session)).statusCode).toBe(401);
      const refresh = await api(server, {
        method: 'POST',
        url: '/auth/refresh',
        payload: { refreshToken: session.refreshToken },
      });
      expect(refresh.statusCode).toBe(401);
    });

    it('refuses a revoked device and a disabled staff member on their next request', async () => {
      const a = await loginAs(server, { stationId: 'A1' });
      const b = await loginAs(server, { stationId: 'A1' });
      expect((await config(a)).statusCode).toBe(200);
      unwrap(await revokeDevice(server.db, a.deviceId));
      const revoked = await config(a);
      expect(revoked.statusCode).toBe(403);
      expect(revoked.json().code).toBe('DEVICE_REVOKED');
      const refresh = await api(server, {
        method: 'POST',
        url: '/auth/refresh',
        payload: { refreshToken: a.refreshToken },
      });
      expect(refresh.statusCode).toBe(403);
      expect((await login(a, a.password)).json().code).toBe('DEVICE_REVOKED');

      unwrap(await setStaffDisabled(server.db, b.username, true));
      const disabled = await config(b);
      expect(disabled.statusCode).toBe(403);
      expect(disabled.json().code).toBe('STAFF_DISABLED');
    });

    it('refuses forged, tampered, expired and malformed tokens with 401', async () => {
      const session = await loginAs(server, { stationId: 'A1' });
      const [prefix, body, mac] = session.accessToken.split('.');
      const claims = JSON.parse(Buffer.from(body ?? '', 'base64url').toString('utf8'));
      const now = Math.floor(Date.now() / 1000);
      const forged = signToken(deriveKeys(Buffer.alloc(32, 7)).tokens, {
        ...claims,
        exp: now + 600,
      });
      const elevated = Buffer.from(JSON.stringify({ ...claims, role: 'admin' })).toString(
        'base64url',
      );
      const expired = signToken(server.keys.tokens, { ...claims, iat: now - 1000, exp: now - 1 });
      const ticketAsBearer = signToken(server.keys.tokens, { ...claims, typ: 'ticket' });
      for (const token of [
        forged,
        `${prefix}.${elevated}.${mac}`,
        expired,
        ticketAsBearer,
        'garbage',
        'wp1.x.y',
      ]) {
        const response = await config({ accessToken: token });
        expect(response.statusCode).toBe(401);
        expect(response.json()).toMatchObject({
          code: 'TOKEN_INVALID',
          message: expect.any(String),
          messageEn: expect.any(String),
        });
      }
      const none = await api(server, { method: 'GET', url: '/config' });
      expect(none.statusCode).toBe(401);
    });

    it('writes login and logout to the audit trail without personal data', async () => {
      const session = await loginAs(server, { stationId: 'A1' });
      await api(server, { method: 'POST', url: '/auth/logout' }, session);
      const { rows } = await server.db.query<{ action: string; detail: string | null }>(
        'SELECT action, detail FROM audit WHERE staff_id = $1 ORDER BY id',
        [session.staffId],
      );
      expect(rows.map((r) => r.action)).toEqual(['staff_add', 'login', 'logout']);
      await expect(server.db.query('UPDATE audit SET action = $1', ['x'])).rejects.toThrow(
        /append-only/,
      );
      await expect(server.db.query('DELETE FROM audit')).rejects.toThrow(/append-only/);
    });
  });
});
