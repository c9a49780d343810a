// `npm run test:chaos`: the full chaos run. Options: --clients N --writes N --seed N --kills N
// --postgres (uses DATABASE_URL). Ends with exactly one line on stdout:
//   chaos: <N> writes, <L> lost, <D> duplicated, converged in <S> s
// and exits non-zero unless nothing was lost or duplicated and every client equals the server.
import { parseArgs } from 'node:util';
import { DEFAULT_FAULTS, chaosLine, chaosPassed, cleanup, runChaos } from './chaos.ts';

const { values } = parseArgs({
  options: {
    clients: { type: 'string', default: '12' },
    writes: { type: 'string', default: '60' },
    seed: { type: 'string', default: String(Date.now() % 100_000) },
    kills: { type: 'string', default: '4' },
    postgres: { type: 'boolean', default: false },
    keep: { type: 'boolean', default: false },
  },
});

const databaseUrl = values.postgres ? process.env.DATABASE_URL : undefined;
if (values.postgres && !databaseUrl) {
  process.stderr.write('chaos: --postgres needs DATABASE_URL\n');
  process.exit(2);
}

const result = await runChaos({
  clients: Number(values.clients),
  writesPerClient: Number(values.writes),
  seed: Number(values.seed),
  kills: Math.max(3, Number(values.kills)),
  faults: DEFAULT_FAULTS,
  offlineChance: 0.05,
  maxPauseMs: 60,
  convergeTimeoutMs: 180_000,
  ...(databaseUrl ? { databaseUrl } : {}),
  log: (line) => process.stderr.write(`${line}\n`),
});
const passed = chaosPassed(result);
process.stderr.write(
  `${JSON.stringify({ seed: Number(values.seed), kills: result.kills, killsAfterCommit: result.killsAfterCommit, clockSkewedClients: result.clockSkewedClients, offlineSpells: result.offlineSpells, openIssues: result.openIssues, proxy: result.proxy, differences: result.differences.slice(0, 10) })}\n`,
);
if (passed && !values.keep) await cleanup(result);
else process.stderr.write(`chaos: logs kept in ${result.dataDir}\n`);
process.stdout.write(`${chaosLine(result)}\n`);
process.exit(passed ? 0 : 1);
