// Installation id and the enrolment (with its sealed credential) in device.json.
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import type { DeviceEnrolment } from '../../shared/host/schemas.ts';
import type { DeviceIdentity } from '../../shared/host/types.ts';
import { fail, ok, type Result } from '../../shared/result.ts';
import type { SecretProtector } from '../keys/protector.ts';
import { readJsonFile, writeFileAtomic } from '../storage/files.ts';

export interface DeviceStore {
  identity(): Promise<Result<DeviceIdentity>>;
  setEnrolment(enrolment: DeviceEnrolment): Promise<Result<DeviceIdentity>>;
  clearEnrolment(): Promise<Result<DeviceIdentity>>;
}

type StoredEnrolment = Omit<DeviceEnrolment, 'credential'> & { sealedCredential: string };

interface DeviceFile {
  installationId: string;
  enrolment: StoredEnrolment | null;
}

export function createDeviceStore(options: {
  dataDir: string;
  protector: SecretProtector;
}): DeviceStore {
  const path = join(options.dataDir, 'device.json');
  const { protector } = options;
  let queue: Promise<unknown> = Promise.resolve();

  const serial = <T>(task: () => Promise<T>): Promise<T> => {
    const run = queue.then(task);
    queue = run.catch(() => undefined);
    return run;
  };

  async function load(): Promise<DeviceFile> {
    const raw = await readJsonFile(path);
    if (isDeviceFile(raw)) return raw;
    const fresh: DeviceFile = { installationId: randomUUID(), enrolment: null };
    await writeFileAtomic(path, JSON.stringify(fresh, null, 2));
    return fresh;
  }

  function reveal(file: DeviceFile): Result<DeviceIdentity> {
    if (file.enrolment === null)
      return ok({ installationId: file.installationId, enrolment: null });
    const ready = protector.ready();
    if (!ready.ok) return ready;
    const { sealedCredential, ...rest } = file.enrolment;
    let credential: string;
    try {
      credential = Buffer.from(protector.open(Buffer.from(sealedCredential, 'base64'))).toString(
        'utf8',
      );
    } catch {
      return fail(
        'DEVICE_CREDENTIAL_UNREADABLE',
        '无法读取本机的设备凭证（系统密钥环变更），请重新登记设备',
        'Cannot read the device credential (keyring changed); enrol this device again',
      );
    }
    return ok({ installationId: file.installationId, enrolment: { ...rest, credential } });
  }

  return {
    identity: () => serial(async () => reveal(await load())),
    setEnrolment: (enrolment) =>
      serial(async () => {
        const ready = protector.ready();
        if (!ready.ok) return ready;
        const file = await load();
        const { credential, ...rest } = enrolment;
        const sealedCredential = Buffer.from(
          protector.seal(Buffer.from(credential, 'utf8')),
        ).toString('base64');
        const next: DeviceFile = { ...file, enrolment: { ...rest, sealedCredential } };
        await writeFileAtomic(path, JSON.stringify(next, null, 2));
        return reveal(next);
      }),
    clearEnrolment: () =>
      serial(async () => {
        const next: DeviceFile = { ...(await load()), enrolment: null };
        await writeFileAtomic(path, JSON.stringify(next, null, 2));
        return reveal(next);
      }),
  };
}

function isDeviceFile(value: unknown): value is DeviceFile {
  if (typeof value !== 'object' || value === null) return false;
  const v: Record<string, unknown> = { ...value };
  return (
    typeof v.installationId === 'string' &&
    (v.enrolment === null || typeof v.enrolment === 'object')
  );
}
