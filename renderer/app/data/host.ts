// The UI's access to its host (Electron preload or browser host, chosen by renderer/host).
import type { HostApi } from '../../../shared/host/contract.ts';
import { fail, type Result } from '../../../shared/result.ts';
import { host as hostApi } from '../../host/index.ts';

export function host(): HostApi {
  return hostApi;
}

/** Wraps a thrown transport failure as data (the host contract itself never throws). */
export async function call<T>(fn: (h: HostApi) => Promise<Result<T>>): Promise<Result<T>> {
  try {
    return await fn(hostApi);
  } catch {
    return fail('HOST_UNREACHABLE', '无法连接本机服务，请确认程序仍在运行', 'Cannot reach the host service');
  }
}
