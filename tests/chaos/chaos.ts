// The chaos run: a server child process (SIGKILLed and restarted, once between its commit and
// its reply), a fault proxy in front of it, and client processes writing online and offline,
// some with clocks a year off. Every acknowledged write goes into a ledger. At the end the
// faults stop and every client must hold exactly what the server holds, with no write lost
// and none duplicated.
import { fork, type ChildProcess } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { API_PREFIX, PROTOCOL_HEADER, PROTOCOL_VERSION } from '../../shared/sync/protocol.ts';
import { canonical } from '../../renderer/sync/conflict-rules.ts';
import { prng } from './prng.ts';
import {
  COMPARED,
  type ClientConfig,
  type Compared,
  type FromClient,
  type LedgerEntry,
  type ToClient,
} from './messages.ts';
import { NO_FAULTS, startFaultProxy, type FaultRates, type ProxyStats } from './proxy.ts';
import { enrolAndLogin, freePort, seedServer, serverProcess } from './server-process.ts';

export interface ChaosOptions {
  clients: number;
  writesPerClient: number;
  seed: number;
  /** SIGKILLs of the server (at least 3; one of them between commit and reply). */
  kills: number;
  faults: FaultRates;
  offlineChance: number;
  maxPauseMs: number;
  convergeTimeoutMs: number;
  databaseUrl?: string;
  log?: (line: string) => void;
}

export interface ChaosResult {
  writes: number;
  lost: number;
  duplicated: number;
  convergedSeconds: number;
  converged: boolean;
  kills: number;
  killsAfterCommit: number;
  proxy: ProxyStats;
  clockSkewedClients: number;
  offlineSpells: number;
  openIssues: number;
  dataDir: string;
  /** Why convergence failed, when it did. */
  differences: string[];
}

export const DEFAULT_FAULTS: FaultRates = {
  dropBefore: 0.05,
  dropAfter: 0.05,
  duplicate: 0.08,
  delay: 0.2,
  maxDelayMs: 800,
  maxStreamMs: 6_000,
};

const YEAR = 365 * 24 * 60 * 60 * 1000;

interface ClientHandle {
  index: number;
  child: ChildProcess;
  ready: Promise<void>;
  done: Promise<number>;
  snapshot(): Promise<Extract<FromClient, { type: 'snapshot' }>>;
}

async function pullAll(baseUrl: string, token: string, collection: string): Promise<string[]> {
  const docs: string[] = [];
  let checkpoint: string | null = null;
  for (;;) {
    const query = new URLSearchParams({ limit: '2000', ...(checkpoint ? { checkpoint } : {}) });
    let response: Response | null = null;
    // The server may answer 503 while busy (two cores shared with everything else): retry.
    for (let attempt = 0; attempt < 60; attempt += 1) {
      response = await fetch(`${baseUrl}${API_PREFIX}/sync/${collection}/pull?${query}`, {
        headers: { [PROTOCOL_HEADER]: String(PROTOCOL_VERSION), authorization: `Bearer ${token}` },
      }).catch(() => null);
      if (response?.ok) break;
      await new Promise((r) => setTimeout(r, 500));
    }
    if (!response?.ok) throw new Error(`pull ${collection}: ${response?.status ?? 'no answer'}`);
    const page = (await response.json()) as {
      documents: Record<string, unknown>[];
      checkpoint: string | null;
    };
    for (const doc of page.documents) docs.push(canonical(doc));
    checkpoint = page.checkpoint;
    if (page.documents.length < 2000) return docs.sort();
  }
}

export async function runChaos(options: ChaosOptions): Promise<ChaosResult> {
  const log = options.log ?? (() => undefined);
  const random = prng(options.seed);
  const dataDir = await mkdtemp(join(tmpdir(), 'waypost-chaos-'));
  const clientLog = createWriteStream(join(dataDir, 'clients.log'));
  const port = await freePort();
  const config = {
    dataDir,
    port,
    ...(options.databaseUrl ? { databaseUrl: options.databaseUrl } : {}),
  };
  const seed = await seedServer(config, options.clients + 1);
  const server = serverProcess(config);
  await server.start();
  const direct = `http://127.0.0.1:${port}`;
  const proxy = await startFaultProxy({
    target: () => ({ host: '127.0.0.1', port }),
    random: prng(options.seed + 1),
  });
  const observer = await enrolAndLogin(direct, seed, seed.codes[options.clients]!);
  const ledger: LedgerEntry[] = [];
  const clients: ClientHandle[] = [];
  let offlineSpells = 0;
  let clockSkewed = 0;
  const clientPath = fileURLToPath(new URL('./client.ts', import.meta.url));

  try {
    for (let index = 0; index < options.clients; index += 1) {
      const session = await enrolAndLogin(direct, seed, seed.codes[index]!);
      const skew = index % 4 === 1 ? YEAR : index % 4 === 3 ? -YEAR : 0;
      if (skew !== 0) clockSkewed += 1;
      const child = fork(clientPath, [], {
        execArgv: ['--import', 'tsx'],
        stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
      });
      child.stdout?.on('data', (b: Buffer) => clientLog.write(`[${index}] ${b.toString()}`));
      child.stderr?.on('data', (b: Buffer) => clientLog.write(`[${index}] ${b.toString()}`));
      let resolveReady: () => void = () => undefined;
      let resolveDone: (n: number) => void = () => undefined;
      const ready = new Promise<void>((r) => (resolveReady = r));
      const done = new Promise<number>((r) => (resolveDone = r));
      const waiting: ((m: Extract<FromClient, { type: 'snapshot' }>) => void)[] = [];
      child.on('message', (message: FromClient) => {
        if (message.type === 'ack') ledger.push(message.entry);
        else if (message.type === 'ready') resolveReady();
        else if (message.type === 'writes-done') {
          offlineSpells += message.offline;
          resolveDone(message.offline);
        } else if (message.type === 'snapshot') waiting.shift()?.(message);
        else if (message.type === 'error') log(`client ${index}: ${message.message}`);
      });
      const clientConfig: ClientConfig = {
        index,
        baseUrl: proxy.url,
        stationId: seed.stationId,
        ...session,
        clockOffsetMs: skew,
        seed: options.seed * 1000 + index,
        writes: options.writesPerClient,
        offlineChance: options.offlineChance,
        maxPauseMs: options.maxPauseMs,
      };
      child.send({ type: 'start', config: clientConfig } satisfies ToClient);
      clients.push({
        index,
        child,
        ready,
        done,
        snapshot: () =>
          new Promise((resolve) => {
            waiting.push(resolve);
            child.send({ type: 'settle' } satisfies ToClient);
          }),
      });
      if (index === 0) await ready; // the shared records exist before the others start
    }
    proxy.setFaults(options.faults);
    const started = Date.now();
    const at = () => `${((Date.now() - started) / 1000).toFixed(1)} s`;
    log(`chaos: ${options.clients} clients writing; data in ${dataDir}`);

    // Kill the server while the clients write: the first kill lands between a push's commit
    // and its reply; the others at random moments.
    let writing = true;
    const allDone = Promise.all(clients.map((c) => c.done)).then(() => {
      writing = false;
    });
    let kills = 0;
    while (kills < options.kills || writing) {
      await Promise.race([new Promise((r) => setTimeout(r, 1_500 + random() * 2_500)), allDone]);
      if (kills >= options.kills) {
        if (!writing) break;
        continue;
      }
      if (kills === 0) {
        const killed = new Promise<void>((resolve) => {
          proxy.armKillAfterCommit(() => {
            server.kill();
            resolve();
          });
        });
        // Pushes keep coming while clients write; if they finished, nudge one with a write.
        await Promise.race([killed, new Promise((r) => setTimeout(r, 30_000))]);
        if (proxy.stats.killsAfterCommit === 0) throw new Error('no push committed for the kill');
      } else {
        server.kill();
      }
      kills += 1;
      log(`chaos: server killed (${kills}) at ${at()}`);
      await new Promise((r) => setTimeout(r, 300 + random() * 1_200));
      await server.start();
    }
    await allDone;

    // Faults off; measure convergence.
    log(`chaos: writes done at ${at()}, ${ledger.length} acknowledged; settling`);
    proxy.setFaults(NO_FAULTS);
    const settleStart = Date.now();
    let converged = false;
    let differences: string[] = [];
    let snapshots: Extract<FromClient, { type: 'snapshot' }>[] = [];
    let serverDocs = {} as Record<Compared, string[]>;
    while (Date.now() - settleStart < options.convergeTimeoutMs) {
      snapshots = await Promise.all(clients.map((c) => c.snapshot()));
      serverDocs = {} as Record<Compared, string[]>;
      for (const name of COMPARED)
        serverDocs[name] = await pullAll(direct, observer.accessToken, name);
      differences = [];
      snapshots.forEach((snap, i) => {
        for (const name of COMPARED) {
          const mine = [...snap.docs[name]].sort();
          const theirs = serverDocs[name];
          if (mine.length !== theirs.length || mine.some((d, k) => d !== theirs[k])) {
            differences.push(
              `client ${i} ${name}: ${mine.length} local vs ${theirs.length} on the server`,
            );
          }
        }
        if (snap.pending > 0) differences.push(`client ${i}: ${snap.pending} pending`);
      });
      if (differences.length === 0) {
        converged = true;
        break;
      }
      log(`chaos: not yet converged at ${at()}: ${differences.slice(0, 3).join('; ')}`);
      await new Promise((r) => setTimeout(r, 1_000));
    }
    const convergedSeconds = (Date.now() - settleStart) / 1000;

    // The ledger against the server.
    const byId = new Map<string, Record<string, unknown>>();
    for (const name of COMPARED) {
      for (const text of serverDocs[name] ?? []) {
        const doc = JSON.parse(text) as Record<string, unknown>;
        byId.set(`${name}:${String(doc['id'])}`, doc);
      }
    }
    let lost = 0;
    let duplicated = 0;
    for (const entry of ledger) {
      if (entry.kind === 'doc') {
        if (!byId.has(`${entry.collection}:${entry.id}`)) lost += 1;
      } else {
        const order = byId.get(`workOrders:${entry.workOrderId}`);
        const notes = Array.isArray(order?.['notes']) ? (order['notes'] as { id: string }[]) : [];
        const count = notes.filter((n) => n.id === entry.noteId).length;
        if (count === 0) lost += 1;
        if (count > 1) duplicated += 1;
      }
    }
    // A document stored twice under two ids would show as two acceptance numbers alike.
    const acceptance = (serverDocs.applications ?? []).map((t) =>
      String((JSON.parse(t) as Record<string, unknown>)['acceptanceNo']),
    );
    duplicated += acceptance.length - new Set(acceptance).size;

    return {
      writes: ledger.length,
      lost,
      duplicated,
      convergedSeconds,
      converged,
      kills: server.kills,
      killsAfterCommit: proxy.stats.killsAfterCommit,
      proxy: { ...proxy.stats },
      clockSkewedClients: clockSkewed,
      offlineSpells,
      openIssues: snapshots.reduce((n, s) => n + s.openIssues.length, 0),
      dataDir,
      differences,
    };
  } finally {
    for (const client of clients) {
      if (client.child.connected) client.child.send({ type: 'stop' } satisfies ToClient);
    }
    await new Promise((r) => setTimeout(r, 500));
    for (const client of clients) if (client.child.exitCode === null) client.child.kill('SIGKILL');
    await proxy.close();
    await server.stop();
    clientLog.end();
  }
}

export function chaosLine(result: ChaosResult): string {
  return `chaos: ${result.writes} writes, ${result.lost} lost, ${result.duplicated} duplicated, converged in ${result.convergedSeconds.toFixed(1)} s`;
}

export function chaosPassed(result: ChaosResult): boolean {
  return (
    result.converged &&
    result.lost === 0 &&
    result.duplicated === 0 &&
    result.killsAfterCommit >= 1 &&
    result.kills >= 3
  );
}

export async function cleanup(result: ChaosResult): Promise<void> {
  await rm(result.dataDir, { recursive: true, force: true });
}
