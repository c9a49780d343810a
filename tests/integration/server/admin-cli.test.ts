// The operator's command line (`npm run admin -- ...`): each command through runCli against a
// real database, and the results checked through the real server.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough, Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../../server/admin/cli.ts';
import {
  api,
  startTestServer,
  TEST_SCRYPT_COST,
  type TestServer,
} from '../../support/server-app.ts';

describe('admin CLI', () => {
  let server: TestServer;
  let dir: string;
  beforeAll(async () => {
    server = await startTestServer();
    dir = await mkdtemp(join(tmpdir(), 'waypost-admin-'));
  });
  afterAll(async () => {
    await server.close();
    await rm(dir, { recursive: true, force: true });
  });

  async function admin(
    args: string,
    stdin = '',
  ): Promise<{ code: number; out: string; err: string }> {
    const stdout = new PassThrough();
    const stderr = new PassThrough();
    let out = '';
    let err = '';
    stdout.on('data', (chunk) => (out += String(chunk)));
    stderr.on('data', (chunk) => (err += String(chunk)));
    const code = await runCli(args.split(' ').filter(Boolean), {
      stdin: Readable.from([stdin]),
      stdout,
      stderr,
      db: server.db,
      scryptCost: TEST_SCRYPT_COST,
    });
    return { code, out, err };
  }

  const enrol = (code: string) =>
    api(server, { method: 'POST', url: '/devices/enroll', payload: { code } });
  const codeFrom = (text: string) => /([0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4})/.exec(text)?.[1] ?? '';

  it('adds stations, refusing duplicates and bad input with clear messages', async () => {
    const added = await admin(
      'station add --code S001 --name 迎泽窗口 --division 140106 --kind window',
    );
    expect(added).toMatchObject({ code: 0, err: '' });
    expect(added.out).toContain('S001');
    const duplicate = await admin(
      'station add --code S001 --name 又一个 --division 140106 --kind window',
    );
    expect(duplicate.code).toBe(1);
    expect(duplicate.err).toContain('STATION_EXISTS');
    expect(duplicate.err).toContain('已存在');
    expect(
      (await admin('station add --code S002 --name X --division 1401 --kind window')).err,
    ).toContain('DIVISION_INVALID');
    expect(
      (await admin('station add --code S002 --name X --division 140106 --kind boat')).err,
    ).toContain('STATION_KIND_INVALID');
    const missing = await admin('station add --code S003');
    expect(missing.code).toBe(2);
    expect(missing.err).toContain('--name');
    expect((await admin('station fly')).code).toBe(2);
    expect((await admin('station add --bogus x')).code).toBe(2);
    expect((await admin('--help')).code).toBe(0);
  });

  it('adds staff with a password from stdin who can then log in on an enrolled device', async () => {
    await admin('station add --code S010 --name 小店窗口 --division 140105 --kind outlet');
    const staff = await admin(
      'staff add --username wang --name 王芳 --role clerk --station S010 --password-stdin',
      'correct horse battery\n',
    );
    expect(staff).toMatchObject({ code: 0 });
    expect(
      (
        await admin(
          'staff add --username li --name 李 --role clerk --station S010 --password-stdin',
          'short\n',
        )
      ).err,
    ).toContain('PASSWORD_TOO_SHORT');
    expect(
      (
        await admin(
          'staff add --username li --name 李 --role boss --station S010 --password-stdin',
          'long enough pw\n',
        )
      ).err,
    ).toContain('ROLE_INVALID');
    expect(
      (
        await admin(
          'staff add --username li --name 李 --role clerk --station NOPE --password-stdin',
          'long enough pw\n',
        )
      ).err,
    ).toContain('STATION_UNKNOWN');
    expect(
      (await admin('staff add --username li --name 李 --role clerk --station S010', 'x')).code,
    ).toBe(2);

    const printed = await admin('device code --station S010');
    expect(printed.code).toBe(0);
    const device = (await enrol(codeFrom(printed.out))).json();
    const login = await api(server, {
      method: 'POST',
      url: '/auth/login',
      payload: {
        username: 'wang',
        password: 'correct horse battery',
        deviceId: device.deviceId,
        deviceSecret: device.deviceSecret,
      },
    });
    expect(login.statusCode).toBe(200);
    expect(login.json().staff).toMatchObject({ displayName: '王芳', role: 'clerk' });

    expect((await admin('staff disable --username wang')).code).toBe(0);
    expect((await api(server, { method: 'GET', url: '/config' }, login.json())).statusCode).toBe(
      403,
    );
  });

  it('prints one-time enrolment codes, lists and revokes devices', async () => {
    await admin('station add --code S020 --name 流动车 --division 140106 --kind van');
    const printed = await admin('device code --station S020 --ttl-hours 2');
    const code = codeFrom(printed.out);
    expect(code).not.toBe('');
    expect((await admin('device code --station NOPE')).code).toBe(1);
    const device = (await enrol(code)).json();
    expect((await enrol(code)).statusCode).toBe(401);
    const list = await admin('device list --json');
    const devices: { id: string; station: string; revokedAt: string | null }[] = JSON.parse(
      list.out,
    );
    expect(devices.find((d) => d.id === device.deviceId)).toMatchObject({
      station: 'S020',
      revokedAt: null,
    });
    expect((await admin('device list')).out).toContain(device.deviceId);
    expect((await admin(`device revoke --id ${device.deviceId}`)).code).toBe(0);
    expect((await admin('device list')).out).toMatch(new RegExp(`${device.deviceId}.*revoked`));
    expect((await admin('device revoke --id NOPE')).err).toContain('DEVICE_UNKNOWN');
  });

  it('seeds a demo station in 太原 with staff for each role and an enrolment code, repeatably', async () => {
    const first = await admin('seed demo');
    expect(first.code).toBe(0);
    expect(first.out).toContain('140106');
    for (const role of ['clerk', 'van', 'supervisor', 'admin']) expect(first.out).toContain(role);
    const again = await admin('seed demo --json');
    expect(again.code).toBe(0);
    const seed: {
      staff: { username: string; role: string; password: string }[];
      enrolmentCode: string;
    } = JSON.parse(again.out);
    expect(seed.staff.map((s) => s.role)).toEqual(['clerk', 'van', 'supervisor', 'admin']);
    const device = (await enrol(seed.enrolmentCode)).json();
    for (const member of seed.staff) {
      const login = await api(server, {
        method: 'POST',
        url: '/auth/login',
        payload: {
          username: member.username,
          password: member.password,
          deviceId: device.deviceId,
          deviceSecret: device.deviceSecret,
        },
      });
      expect(login.statusCode, member.username).toBe(200);
    }
  });

  it('imports a calendar year and SLA hours from files', async () => {
    const calendar = join(dir, 'calendar-2027.json');
    await writeFile(
      calendar,
      JSON.stringify({
        format: 1,
        source: 'test',
        publishedYears: [2027],
        holidays: { '2027-10-01': 'national_day' },
        workdays: {},
      }),
    );
    const imported = await admin(`calendar import --file ${calendar}`);
    expect(imported).toMatchObject({ code: 0 });
    expect(imported.out).toContain('2027');
    const broken = join(dir, 'broken.json');
    await writeFile(
      broken,
      JSON.stringify({ format: 1, publishedYears: ['x'], holidays: {}, workdays: {} }),
    );
    expect((await admin(`calendar import --file ${broken}`)).err).toContain(
      'CALENDAR_DATA_INVALID',
    );
    expect((await admin(`calendar import --file ${join(dir, 'missing.json')}`)).code).toBe(1);
    const sla = join(dir, 'sla.json');
    await writeFile(
      sla,
      JSON.stringify({ provinces: { '14': { capital: 12, city: 24, county: 36, rural: 48 } } }),
    );
    expect((await admin(`config sla --file ${sla}`)).code).toBe(0);
  });
});
