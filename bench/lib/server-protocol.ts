// Messages between the benchmark and its server child process (bench/lib/server-child.ts).
import type { ScryptCost } from '../../server/auth/passwords.ts';

/** Staff logins happen once per simulated device at set-up, never in a measured loop. */
export const BENCH_SCRYPT_COST: ScryptCost = { N: 1024, r: 8, p: 1 };

export interface ProvisionedStation {
  stationId: string;
  username: string;
  password: string;
  /** One-time enrolment codes, one per device. */
  codes: string[];
}

export type ParentMessage =
  | { type: 'provision'; id: number; stations: string[]; devicesPerStation: number }
  | { type: 'memory'; id: number }
  | { type: 'stop' };

export type ChildMessage =
  | { type: 'ready'; port: number; db: string }
  | { type: 'provisioned'; id: number; stations: ProvisionedStation[] }
  | { type: 'memory'; id: number; rss: number; heapUsed: number; external: number }
  | { type: 'error'; id: number; message: string };
