// Server under load on this machine: simulated devices (enrolled and logged in for real), each
// with live SSE streams and pushing intakes at an outlet's rate, against one server process on
// PostgreSQL over loopback. Measures push latency, stream delivery latency, throughput, memory,
// CPU, and where it saturates. Every loop is bounded by time and stops by itself.
import { syntheticPortrait } from './lib/photo.ts';
import { SimulatedDevice, type Stream } from './lib/device-client.ts';
import {
  cpuDelta,
  postgresCpuSeconds,
  postgresVersion,
  startPostgres,
  startServerProcess,
  type ServerProcess,
} from './lib/server-process.ts';
import { BENCH_SCRYPT_COST, type DbStats } from './lib/server-protocol.ts';
import { round, summarize, type LatencySummary } from './lib/stats.ts';
import {
  DEFAULT_BASE_TIME,
  photoVariant,
  prng,
  s10WaybillNo,
  syntheticIntake,
  type SyntheticContext,
} from './lib/synthetic.ts';
import type { PartContext, PartOutcome } from './lib/part.ts';
import type { SyncedCollection } from '../shared/sync/collections.ts';
import { createHash } from 'node:crypto';

/** An outlet accepts about 500 items in an 8-hour day; peaks are ten times that. */
export const ITEMS_PER_DAY = 500;
export const WORKING_SECONDS = 8 * 3600;
export const PEAK_FACTOR = 10;
const STREAM_COLLECTIONS: SyncedCollection[] = ['applications', 'waybills', 'events'];
const P99_LIMIT_MS = 250;

export interface LevelResult {
  devices: number;
  streams: number;
  /** Rate per device as a multiple of the average outlet rate (10 = the published peak). */
  rateFactor: number;
  /** rateFactor / 10: how much faster than a real peak this level runs (time compression). */
  compression: number;
  seconds: number;
  offeredItemsPerSecond: number;
  itemsPerSecond: number;
  requestsPerSecond: number;
  push: LatencySummary;
  mediaPut: LatencySummary;
  /** Application push sent → the same station's other device sees it on its stream. */
  delivery: LatencySummary;
  deliveriesMissing: number;
  errors: Record<string, number>;
  serverRssMiB: number;
  serverCpuPercent: number;
  /** All PostgreSQL processes together (100 = one core). */
  postgresCpuPercent: number;
  /** The load generator (this process: every simulated device) on the same cores. */
  clientCpuPercent: number;
  /** Server database statements per item (an item is 3 pushes + 1 media PUT). */
  queriesPerItem: number;
  /** Mean wall time of one server transaction, connection wait included (ms). */
  transactionMs: number;
  degraded: boolean;
}

export interface ServerMetrics {
  db: string;
  setup: { devices: number; enrolAndLoginSeconds: number };
  levels: LevelResult[];
  saturation: {
    devices: number;
    rateFactor: number;
    itemsPerSecond: number;
    reason: string;
  } | null;
  /** Items per second of server-process CPU, at the cheapest level (server CPU only). */
  itemsPerCoreSecond: number;
}

interface Device {
  client: SimulatedDevice;
  ctx: SyntheticContext;
  peer: number;
  index: number;
  code: string;
  username: string;
  password: string;
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

async function pool<T>(
  items: T[],
  concurrency: number,
  run: (item: T) => Promise<void>,
): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      for (;;) {
        const i = next;
        next += 1;
        const item = items[i];
        if (item === undefined) return;
        await run(item);
      }
    }),
  );
}

async function setUp(
  server: ServerProcess,
  count: number,
  log: (l: string) => void,
): Promise<Device[]> {
  const stationCount = Math.ceil(count / 2);
  const stationIds = Array.from(
    { length: stationCount },
    (_, i) => `B${String(i + 1).padStart(4, '0')}`,
  );
  const provisioned = await server.provision(stationIds, 2);
  const devices: Device[] = [];
  for (const station of provisioned) {
    for (const code of station.codes) {
      const index = devices.length;
      if (index >= count) break;
      devices.push({
        client: new SimulatedDevice(server.origin, station.stationId),
        ctx: {
          stationId: station.stationId,
          deviceId: '',
          clerkId: station.username,
          runTag: `S${String(index).padStart(4, '0')}`,
          baseTime: DEFAULT_BASE_TIME,
        },
        peer: index % 2 === 0 ? index + 1 : index - 1,
        index,
        code,
        username: station.username,
        password: station.password,
      });
    }
  }
  await pool(devices, 8, async (device) => {
    await device.client.enrol(device.code);
    await device.client.login(device.username, device.password);
    await device.client.takeBlock(20_000);
    device.ctx.deviceId = device.client.deviceId;
  });
  log(`enrolled and logged in ${devices.length} devices`);
  return devices;
}

interface LevelPlan {
  devices: number;
  rateFactor: number;
  seconds: number;
  /** false: the control run, pushes without any open stream. */
  streams?: boolean;
}

async function runLevel(
  server: ServerProcess,
  all: Device[],
  plan: LevelPlan,
  photo: Uint8Array,
  counter: { item: number },
): Promise<LevelResult> {
  const devices = all.slice(0, plan.devices);
  const ratePerDevice = (ITEMS_PER_DAY / WORKING_SECONDS) * plan.rateFactor;
  const pushMs: number[] = [];
  const mediaMs: number[] = [];
  const delivery: number[] = [];
  const errors: Record<string, number> = {};
  // Sent time of each application pushed in the window, and when its peer's stream showed it
  // (the stream may deliver before the push answer arrives: both are kept, then joined).
  const sent = new Map<string, { at: number; peer: number }>();
  const arrived = new Map<string, number>();
  let measuring = false;
  let items = 0;
  let requests = 0;

  // Streams first: every device listens on the collections the real client streams.
  const streams: Stream[] = [];
  await pool(plan.streams === false ? [] : devices, 16, async (device) => {
    for (const collection of STREAM_COLLECTIONS) {
      const stream = await device.client.openStream(collection, (ids, at) => {
        if (collection !== 'applications') return;
        for (const id of ids) {
          if (sent.get(id)?.peer === device.index && !arrived.has(id)) arrived.set(id, at);
        }
      });
      streams.push(stream);
    }
  });

  // Opening 3 streams per device costs the server a few queries each (auth, head, first
  // pull): wait until its database work goes quiet so set-up is not counted as push work.
  const settleUntil = performance.now() + 60_000;
  for (let last = -1; performance.now() < settleUntil;) {
    const { queries } = await server.dbStats();
    if (queries === last) break;
    last = queries;
    await sleep(500);
  }

  const count = (key: string) => {
    errors[key] = (errors[key] ?? 0) + 1;
  };
  const started = performance.now();
  const warmupMs = 3000;
  const endAt = started + warmupMs + plan.seconds * 1000;
  let measureStart = started + warmupMs;

  async function deviceLoop(device: Device): Promise<void> {
    const random = prng(device.index * 31 + plan.devices + plan.rateFactor);
    // Poisson arrivals; a device is one clerk: an item waits for the previous one to finish.
    let next = performance.now() + (-Math.log(1 - random()) / ratePerDevice) * 1000;
    while (next < endAt) {
      const wait = next - performance.now();
      if (wait > 0) await sleep(wait);
      if (performance.now() >= endAt) break;
      const n = counter.item++;
      const block = device.client.block;
      const rows = syntheticIntake(n, device.ctx, { now: Date.now() });
      const bytes = photoVariant(photo, n);
      const sha256 = createHash('sha256').update(bytes).digest('hex');
      const serial = (block?.firstSerial ?? 0) + device.client.nextNumber++;
      const waybillNo = s10WaybillNo(serial, block?.serviceIndicator ?? 'EA');
      const app = { ...rows.application, waybillNo, photoSha256: sha256 };
      const inWindow = () => measuring;
      const record = (ms: number, status: number, sink: number[]) => {
        requests += 1;
        if (status >= 200 && status < 300) {
          if (inWindow()) sink.push(ms);
        } else count(`HTTP_${status}`);
      };
      if (inWindow()) sent.set(app.id, { at: performance.now(), peer: device.peer });
      const a = await device.client.push('applications', [app]);
      record(a.ms, a.status, pushMs);
      if (a.response && a.response.rejected.length > 0) {
        count(`REJECTED_${a.response.rejected[0]?.code}`);
      }
      const w = await device.client.push('waybills', [
        { ...rows.waybill, waybillNo, numberBlockId: block?.id ?? '', state: 'printed' },
      ]);
      record(w.ms, w.status, pushMs);
      if (w.response && w.response.rejected.length > 0)
        count(`REJECTED_${w.response.rejected[0]?.code}`);
      const e = await device.client.push('events', [rows.event]);
      record(e.ms, e.status, pushMs);
      const m = await device.client.putMedia(sha256, bytes);
      record(m.ms, m.status, mediaMs);
      if (inWindow()) items += 1;
      next += (-Math.log(1 - random()) / ratePerDevice) * 1000;
    }
  }

  const rssSamples: number[] = [];
  let cpuBefore = 0;
  let clientBefore = process.cpuUsage();
  const dbBefore: DbStats = { queries: 0, transactions: 0, transactionMs: 0, queryMs: 0 };
  let pgBefore = new Map<number, number>();
  const sampler = (async () => {
    await sleep(warmupMs);
    measuring = true;
    measureStart = performance.now();
    cpuBefore = await server.cpuSeconds();
    clientBefore = process.cpuUsage();
    Object.assign(dbBefore, await server.dbStats());
    pgBefore = await postgresCpuSeconds();
    while (performance.now() < endAt) {
      rssSamples.push(await server.rss());
      await sleep(1000);
    }
    measuring = false;
  })();
  await Promise.all([...devices.map(deviceLoop), sampler]);
  const measuredSeconds = (performance.now() - measureStart) / 1000;
  const cpu = (await server.cpuSeconds()) - cpuBefore;
  const client = process.cpuUsage(clientBefore);
  const dbAfter = await server.dbStats();
  const queries = dbAfter.queries - dbBefore.queries;
  const transactions = dbAfter.transactions - dbBefore.transactions;
  const transactionMs = dbAfter.transactionMs - dbBefore.transactionMs;
  const pgCpu = cpuDelta(pgBefore, await postgresCpuSeconds());
  // Let the streams deliver what was pushed in the window.
  const drainUntil = performance.now() + 5000;
  while (arrived.size < sent.size && performance.now() < drainUntil) await sleep(100);
  for (const stream of streams) stream.close();
  for (const [id, entry] of sent) {
    const at = arrived.get(id);
    if (at !== undefined) delivery.push(at - entry.at);
  }
  const missing = sent.size - delivery.length;

  const push = summarize(pushMs);
  const errorCount = Object.values(errors).reduce((a, b) => a + b, 0);
  const offered = ratePerDevice * plan.devices;
  const achieved = items / measuredSeconds;
  const degraded =
    push.p99 > P99_LIMIT_MS ||
    errorCount > requests * 0.01 ||
    achieved < offered * 0.8 ||
    (plan.streams !== false && missing > 0);
  return {
    devices: plan.devices,
    streams: streams.length,
    rateFactor: plan.rateFactor,
    compression: round(plan.rateFactor / PEAK_FACTOR, 2),
    seconds: round(measuredSeconds, 1),
    offeredItemsPerSecond: round(offered, 2),
    itemsPerSecond: round(achieved, 2),
    requestsPerSecond: round(requests / (measuredSeconds + warmupMs / 1000), 1),
    push,
    mediaPut: summarize(mediaMs),
    delivery: summarize(delivery),
    deliveriesMissing: missing,
    errors,
    serverRssMiB: round(Math.max(0, ...rssSamples) / 2 ** 20, 1),
    serverCpuPercent: round((cpu / measuredSeconds) * 100, 0),
    postgresCpuPercent: round((pgCpu / measuredSeconds) * 100, 0),
    clientCpuPercent: round(((client.user + client.system) / 1e6 / measuredSeconds) * 100, 0),
    queriesPerItem: items > 0 ? round(queries / items, 1) : 0,
    transactionMs: transactions > 0 ? round(transactionMs / transactions, 1) : 0,
    degraded,
  };
}

export async function runServer(ctx: PartContext): Promise<PartOutcome<ServerMetrics>> {
  const url = await startPostgres();
  ctx.machine.postgres = await postgresVersion(url);
  const server = await startServerProcess({
    db: 'postgres',
    settings: {
      scryptCost: BENCH_SCRYPT_COST,
      // Every simulated device shares 127.0.0.1: the per-IP auth limit would stop enrolment.
      rateLimit: {
        perDevice: { max: 1_200, windowMs: 60_000 },
        auth: { max: 1_000_000, windowMs: 60_000 },
        track: { max: 10, windowMs: 60_000 },
      },
      numberBlockSize: 200,
      maxNumberBlockSize: 20_000,
    },
  });
  const photo = syntheticPortrait();
  const notes: string[] = [];
  try {
    // BENCH_SERVER_LEVELS / BENCH_SERVER_RAMP (comma lists; RAMP may be empty) for experiments.
    const listFromEnv = (name: string): number[] | null => {
      const text = process.env[name];
      return text === undefined ? null : text.split(',').filter(Boolean).map(Number);
    };
    const deviceLevels =
      listFromEnv('BENCH_SERVER_LEVELS') ?? (ctx.quick ? [10, 20] : [50, 200, 500]);
    const rampFactors =
      listFromEnv('BENCH_SERVER_RAMP') ?? (ctx.quick ? [100] : [50, 150, 400, 1000]);
    const seconds = Number(process.env.BENCH_SERVER_SECONDS ?? (ctx.quick ? 8 : 20));
    const setupStart = performance.now();
    const devices = await setUp(server, Math.max(...deviceLevels), ctx.log);
    const setupSeconds = (performance.now() - setupStart) / 1000;
    const counter = { item: 0 };
    const levels: LevelResult[] = [];
    const runOne = async (plan: LevelPlan) => {
      const result = await runLevel(server, devices, plan, photo, counter);
      levels.push(result);
      ctx.log(
        `${plan.devices} devices × ${plan.rateFactor}× rate: ${result.itemsPerSecond}/${result.offeredItemsPerSecond} items/s, push p50 ${result.push.p50} p99 ${result.push.p99} ms, delivery p50 ${result.delivery.p50} p99 ${result.delivery.p99} ms, cpu ${result.serverCpuPercent}% (pg ${result.postgresCpuPercent}%, load generator ${result.clientCpuPercent}%), ${result.queriesPerItem} queries/item, tx ${result.transactionMs} ms, rss ${result.serverRssMiB} MiB, errors ${JSON.stringify(result.errors)}${result.degraded ? ' DEGRADED' : ''}`,
      );
      return result;
    };
    // The asked sizes at the published peak rate (no time compression).
    for (const count of deviceLevels)
      await runOne({ devices: count, rateFactor: PEAK_FACTOR, seconds });
    // Control: the largest fleet at peak rate with no stream open, to separate the cost of
    // pushes from the cost of waking every open stream on each push.
    await runOne({
      devices: Math.max(...deviceLevels),
      rateFactor: PEAK_FACTOR,
      seconds,
      streams: false,
    });
    // Ramp: the same number of devices pushing faster than a real peak until p99 degrades.
    const rampDevices = deviceLevels[0] ?? 50;
    for (const factor of rampFactors) {
      const result = await runOne({ devices: rampDevices, rateFactor: factor, seconds });
      if (result.degraded) break;
    }
    const streamed = levels.filter((l) => l.streams > 0);
    const firstDegraded = streamed.find((l) => l.degraded) ?? null;
    // CPU time per item is what a busy machine cannot distort: items per server-core-second
    // at the cheapest level (the control without streams when it ran).
    const perCore = Math.max(
      0,
      ...levels
        .filter((l) => l.serverCpuPercent > 0)
        .map((l) => round(l.itemsPerSecond / (l.serverCpuPercent / 100), 1)),
    );
    const top = streamed.find(
      (l) => l.devices === Math.max(...deviceLevels) && l.rateFactor === PEAK_FACTOR,
    );
    const control = levels.find((l) => l.streams === 0);
    return {
      config: {
        db: ctx.machine.postgres,
        devicesPerStation: 2,
        streamsPerDevice: STREAM_COLLECTIONS,
        item: 'one intake = push application + push waybill (number from the device block) + push event + PUT 30 KB portrait',
        outletRate: `${ITEMS_PER_DAY} items per ${WORKING_SECONDS / 3600} h day per device; peak ×${PEAK_FACTOR}`,
        secondsPerLevel: seconds,
        warmupSeconds: 3,
        p99LimitMs: P99_LIMIT_MS,
        serverSettings:
          'production defaults (rate limits 1,200/min per device, under-pressure 2 s), except the per-IP auth limit (all devices share 127.0.0.1) and cheap scrypt for set-up logins',
      },
      metrics: {
        db: server.db,
        setup: { devices: devices.length, enrolAndLoginSeconds: round(setupSeconds, 1) },
        levels,
        saturation: firstDegraded
          ? {
              devices: firstDegraded.devices,
              rateFactor: firstDegraded.rateFactor,
              itemsPerSecond: firstDegraded.itemsPerSecond,
              reason:
                firstDegraded.push.p99 > P99_LIMIT_MS
                  ? `push p99 ${firstDegraded.push.p99} ms`
                  : `errors/throughput: ${JSON.stringify(firstDegraded.errors)}`,
            }
          : null,
        itemsPerCoreSecond: perCore,
      },
      targets: [
        {
          name: `${top?.devices ?? '?'} devices at peak rate, push p99 on 2 cores`,
          target: `< ${P99_LIMIT_MS} ms`,
          measured: top
            ? `${top.push.p99} ms (p50 ${top.push.p50} ms), ${top.itemsPerSecond} items/s`
            : 'not run',
          met: (top?.push.p99 ?? Infinity) < P99_LIMIT_MS && !top?.degraded,
          ...(control
            ? {
                note: `control without streams: push p99 ${control.push.p99} ms, ${control.itemsPerSecond} items/s`,
              }
            : {}),
        },
      ],
      notes: [
        ...notes,
        'The load generator (Node, same process for all devices) and the server share the 2 cores, with PostgreSQL and whatever else runs on the machine (load average at start in the machine notes).',
        'Stream fan-out (server/sync/change-feed.ts): every push NOTIFYs its collection; each server process runs one scan per notification burst that reads the newly visible rows once and hands them to the streams whose stations they concern; an up-to-date stream sends them without a query. The control level (no streams) separates what streams still cost.',
        'Delivery latency is measured from the moment the application push is sent (not its commit, which the client cannot see) to its arrival at the other device of the same station: it includes the push itself.',
      ],
    };
  } finally {
    await server.stop();
  }
}
