// `npm run admin -- <command>`: the operator's command line (DESIGN.md "Command line").
// runCli is importable so tests drive it with their own database and streams.
import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { pathToFileURL } from 'node:url';
import type { Readable, Writable } from 'node:stream';
import { migrate } from '../db/migrate.ts';
import { dbConfigFromEnv, openDb } from '../db/open.ts';
import type { Db } from '../db/types.ts';
import type { ScryptCost } from '../auth/passwords.ts';
import type { Result } from '../../shared/result.ts';
import {
  addStaff,
  addStation,
  createEnrolmentCode,
  importCalendarFile,
  listDevices,
  revokeDevice,
  seedDemo,
  setSla,
  setStaffDisabled,
  setStaffPassword,
} from './commands.ts';

export interface CliIo {
  stdin: Readable;
  stdout: Writable;
  stderr: Writable;
  /** An open database; otherwise DATABASE_URL / DATA_DIR from the environment. */
  db?: Db;
  scryptCost?: ScryptCost;
}

export const USAGE = `用法 / usage: npm run admin -- <command>

  station add --code S001 --name NAME --division 140106 --kind window|van|outlet|centre
  staff add --username U --name NAME --role clerk|van|supervisor|admin --station S001 --password-stdin
  staff password --username U --password-stdin
  staff disable --username U        staff enable --username U
  device code --station S001 [--ttl-hours 72]     prints a one-time enrolment code
  device list
  device revoke --id ID
  seed demo                                       demo station (太原), staff, enrolment code
  calendar import --file F                        working-day calendar data (CalendarData JSON)
  config sla --file F                             SLA hours per province (SlaConfig JSON)

  --json   machine-readable output
`;

const OPTIONS = {
  code: { type: 'string' },
  name: { type: 'string' },
  division: { type: 'string' },
  kind: { type: 'string' },
  username: { type: 'string' },
  role: { type: 'string' },
  station: { type: 'string' },
  id: { type: 'string' },
  file: { type: 'string' },
  'ttl-hours': { type: 'string' },
  'password-stdin': { type: 'boolean' },
  json: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

class UsageError extends Error {}

async function readStdin(stream: Readable): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream)
    chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk)));
  return Buffer.concat(chunks)
    .toString('utf8')
    .replace(/\r?\n$/, '');
}

export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  const print = (text: string) => io.stdout.write(`${text}\n`);
  const printError = (text: string) => io.stderr.write(`${text}\n`);
  let parsed: ReturnType<typeof parseArgs<{ options: typeof OPTIONS; allowPositionals: true }>>;
  try {
    parsed = parseArgs({ args: [...argv], options: OPTIONS, allowPositionals: true, strict: true });
  } catch (error) {
    printError(`${error instanceof Error ? error.message : String(error)}\n\n${USAGE}`);
    return 2;
  }
  const { values, positionals } = parsed;
  const [noun, verb] = positionals;
  if (values.help || !noun) {
    print(USAGE);
    return values.help ? 0 : 2;
  }
  const need = (name: keyof typeof OPTIONS): string => {
    const value = values[name];
    if (typeof value !== 'string' || value === '')
      throw new UsageError(`缺少参数 / missing --${name}`);
    return value;
  };
  const emit = <T>(result: Result<T>, human: (value: T) => string): number => {
    if (!result.ok) {
      printError(
        `错误 / error ${result.error.code}: ${result.error.message} / ${result.error.messageEn}`,
      );
      return 1;
    }
    print(values.json ? JSON.stringify(result.value, null, 2) : human(result.value));
    return 0;
  };
  const readJsonFile = async (): Promise<unknown> =>
    JSON.parse(await readFile(need('file'), 'utf8'));

  const db = io.db ?? (await openDb(dbConfigFromEnv()));
  try {
    await migrate(db);
    const command = `${noun} ${verb ?? ''}`.trim();
    switch (command) {
      case 'station add':
        return emit(
          await addStation(db, {
            code: need('code'),
            name: need('name'),
            division: need('division'),
            kind: need('kind'),
          }),
          (s) => `网点已添加 / station added: ${s.code} ${s.name} (${s.division_code}, ${s.kind})`,
        );
      case 'staff add': {
        if (!values['password-stdin'])
          throw new UsageError('请用 --password-stdin 从标准输入提供密码 / use --password-stdin');
        const password = await readStdin(io.stdin);
        return emit(
          await addStaff(
            db,
            {
              username: need('username'),
              name: need('name'),
              role: need('role'),
              station: need('station'),
              password,
            },
            io.scryptCost,
          ),
          (s) => `人员已添加 / staff added: ${s.username} (${s.role}, ${s.station})`,
        );
      }
      case 'staff password': {
        if (!values['password-stdin'])
          throw new UsageError('请用 --password-stdin 从标准输入提供密码 / use --password-stdin');
        const password = await readStdin(io.stdin);
        return emit(
          await setStaffPassword(db, need('username'), password, io.scryptCost),
          () => '密码已更新 / password changed',
        );
      }
      case 'staff disable':
      case 'staff enable':
        return emit(await setStaffDisabled(db, need('username'), verb === 'disable'), () =>
          verb === 'disable' ? '账户已停用 / account disabled' : '账户已启用 / account enabled',
        );
      case 'device code': {
        const ttl = values['ttl-hours'] ? Number(values['ttl-hours']) : undefined;
        if (ttl !== undefined && !(Number.isInteger(ttl) && ttl > 0 && ttl <= 24 * 30)) {
          throw new UsageError('--ttl-hours 须为 1–720 的整数 / must be an integer 1–720');
        }
        return emit(
          await createEnrolmentCode(db, {
            station: need('station'),
            ...(ttl ? { ttlHours: ttl } : {}),
          }),
          (c) =>
            `登记码 / enrolment code: ${c.code}\n网点 / station: ${c.station}\n有效期至 / expires: ${c.expiresAt.toISOString()}`,
        );
      }
      case 'device list': {
        const devices = await listDevices(db);
        if (values.json) print(JSON.stringify(devices, null, 2));
        else if (devices.length === 0) print('没有已登记的设备 / no devices');
        else
          for (const d of devices) {
            const state = d.revokedAt ? `revoked ${d.revokedAt.toISOString()}` : 'active';
            print(
              `${d.id}  ${d.station}  ${d.label ?? '-'}  enrolled ${d.enrolledAt.toISOString()}  ${state}`,
            );
          }
        return 0;
      }
      case 'device revoke':
        return emit(await revokeDevice(db, need('id')), () => '设备已停用 / device revoked');
      case 'seed demo':
        return emit(await seedDemo(db, io.scryptCost), (seed) =>
          [
            `演示网点 / demo station: ${seed.station.code} ${seed.station.name} (${seed.station.division_code})`,
            '演示账户 / demo staff (username / role / password):',
            ...seed.staff.map(
              (s) => `  ${s.username.padEnd(16)} ${s.role.padEnd(10)} ${s.password}`,
            ),
            `登记码 / enrolment code: ${seed.enrolmentCode}`,
          ].join('\n'),
        );
      case 'calendar import':
        return emit(
          await importCalendarFile(db, await readJsonFile()),
          (c) =>
            `节假日数据已导入 / calendar imported: published years ${c.publishedYears.join(', ')}`,
        );
      case 'config sla':
        return emit(
          await setSla(db, await readJsonFile()),
          () => '时限配置已更新 / SLA configuration saved',
        );
      default:
        throw new UsageError(`未知命令 / unknown command: ${command}`);
    }
  } catch (error) {
    if (error instanceof UsageError) {
      printError(`${error.message}\n\n${USAGE}`);
      return 2;
    }
    printError(`错误 / error: ${error instanceof Error ? error.message : String(error)}`);
    return 1;
  } finally {
    if (!io.db) await db.close();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  process.exitCode = await runCli(process.argv.slice(2), {
    stdin: process.stdin,
    stdout: process.stdout,
    stderr: process.stderr,
  });
}
