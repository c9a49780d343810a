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
  | { type: 'dbStats'; id: number }
  | { type: 'stop' };

/** Database work the server did so far (counted in the child around its Db). */
export interface DbStats {
  /** Statements, inside transactions or not. */
  queries: number;
  transactions: number;
  /** Wall time inside transactions (connection wait included), summed. */
  transactionMs: number;
  /** Wall time of statements outside transactions (pool wait included), summed. */
  queryMs: number;
}

export type ChildMessage =
  | { type: 'ready'; port: number; db: string }
  | { type: 'provisioned'; id: number; stations: ProvisionedStation[] }
  | { type: 'memory'; id: number; rss: number; heapUsed: number; external: number }
  | { type: 'dbStats'; id: number; stats: DbStats }
  | { type: 'error'; id: number; message: string };
