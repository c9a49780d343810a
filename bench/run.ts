// `npm run bench [-- local|sync|server|print ...] [--quick]`: runs the benchmark parts (all by
// default), writes bench/results/<part>.json, then regenerates bench/results/summary.md and
// the plots in docs/perf/. Not part of `npm test`: it takes about 20 minutes on 2 cores.
import { execSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { loadavg } from 'node:os';
import { PARTS, writeResult, type Part, type PartResult } from './lib/results.ts';
import { machineFacts } from './lib/machine.ts';
import type { PartContext, PartOutcome } from './lib/part.ts';
import { writeSummary } from './lib/summary.ts';
import { writePlots } from './lib/plots.ts';

type Runner = (ctx: PartContext) => Promise<PartOutcome<unknown>>;

const runners: Record<Part, () => Promise<Runner>> = {
  local: async () => (await import('./local.ts')).runLocal,
  sync: async () => (await import('./sync.ts')).runSync,
  server: async () => (await import('./server.ts')).runServer,
  print: async () => (await import('./print.ts')).runPrint,
};

function isPart(value: string): value is Part {
  return (PARTS as readonly string[]).includes(value);
}

const args = process.argv.slice(2);
const quick = args.includes('--quick');
const unknown = args.filter((a) => !a.startsWith('--') && !isPart(a));
if (unknown.length > 0) {
  console.error(`unknown part(s): ${unknown.join(', ')}; choose from ${PARTS.join(', ')}`);
  process.exit(2);
}
const chosen = args.filter(isPart);
const parts: Part[] = chosen.length > 0 ? chosen : [...PARTS];

// The sync part compares against PouchDB; its packages have their own install (native builds).
if (parts.includes('sync') && !existsSync('bench/peer/node_modules/pouchdb-server')) {
  console.log('installing the comparison peer into bench/peer (first run only) ...');
  execSync('npm ci --no-audit --no-fund --prefix bench/peer', { stdio: 'inherit' });
}

const started = performance.now();
let failed = false;
for (const part of parts) {
  const began = new Date();
  const t0 = performance.now();
  const log = (line: string) =>
    console.log(`[${part} +${((performance.now() - t0) / 1000).toFixed(1)}s] ${line}`);
  const ctx: PartContext = { quick, log, machine: {} };
  const load = loadavg()[0] ?? 0;
  try {
    const run = await runners[part]();
    const outcome = await run(ctx);
    const result: PartResult = {
      part,
      startedAt: began.toISOString(),
      finishedAt: new Date().toISOString(),
      durationSeconds: Math.round((performance.now() - t0) / 100) / 10,
      command: `npm run bench -- ${part}${quick ? ' --quick' : ''}`,
      machine: machineFacts({
        ...ctx.machine,
        notes: [`1-minute load average at start: ${load.toFixed(2)}`],
      }),
      config: { ...outcome.config, quick },
      metrics: outcome.metrics,
      targets: outcome.targets,
      notes: outcome.notes,
    };
    const file = await writeResult(result);
    log(`wrote ${file}`);
    for (const t of outcome.targets)
      log(`${t.met ? 'MET ' : 'MISS'} ${t.name}: ${t.measured} (target ${t.target})`);
  } catch (error) {
    failed = true;
    console.error(
      `[${part}] failed:`,
      error instanceof Error ? (error.stack ?? error.message) : error,
    );
  }
}
await writeSummary();
await writePlots();
console.log(`bench finished in ${((performance.now() - started) / 1000).toFixed(0)} s`);
process.exit(failed ? 1 : 0);
