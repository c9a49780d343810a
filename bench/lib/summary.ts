// bench/results/summary.md from the result files (whatever parts have run).
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { PARTS, RESULTS_DIR, readResult, type PartResult } from './results.ts';
import type { LocalMetrics } from '../local.ts';
import type { SyncMetrics } from '../sync.ts';
import type { ServerMetrics } from '../server.ts';
import type { PrintMetrics } from '../print.ts';
import type { LatencySummary } from './stats.ts';

const fmt = (n: number | undefined, digits = 1): string =>
  n === undefined || !Number.isFinite(n)
    ? '—'
    : n.toLocaleString('en', { maximumFractionDigits: digits });
const lat = (s: LatencySummary): string => `${fmt(s.p50)} / ${fmt(s.p95)} / ${fmt(s.p99)}`;

function table(head: string[], rows: (string | number)[][]): string {
  const line = (cells: (string | number)[]) => `| ${cells.join(' | ')} |`;
  return [line(head), line(head.map(() => '---')), ...rows.map(line)].join('\n');
}

function localSection(r: PartResult<LocalMetrics>): string {
  const m = r.metrics;
  const out = [
    '### Local (Chromium, IndexedDB on disk)',
    table(
      [
        'records stored',
        'Waypost save p50 / p95 / p99 ms',
        'raw Dexie p50 / p95 / p99 ms',
        'ratio p50',
        'ratio p95',
      ],
      m.saves.map((s) => [
        fmt(s.stored, 0),
        lat(s.waypost),
        lat(s.dexie),
        `${s.ratioP50}×`,
        `${s.ratioP95}×`,
      ]),
    ),
    '',
    table(
      [
        'records stored',
        'search',
        'Waypost p50 / p95 / p99 ms',
        'raw Dexie p50 / p95 / p99 ms',
        'hits (mean)',
        'ratio p95',
      ],
      (m.searchLevels ?? [{ stored: NaN, results: m.searches }]).flatMap((level) =>
        level.results.map((s) => [
          fmt(level.stored, 0),
          s.kind,
          lat(s.waypost),
          lat(s.dexie),
          fmt(s.meanHits),
          `${s.ratioP95}×`,
        ]),
      ),
    ),
    '',
    m.projectedSearchP95?.length
      ? `Projected search p95 at 200,000 records (linear through the last two levels): ${m.projectedSearchP95.map((p) => `${p.kind} ${fmt(p.p95)} ms`).join(', ')}.`
      : '',
    '',
    `Records list (newest 500 + their waybills): first after restart ${fmt(m.recordsList.cold)} ms, then p50 ${fmt(m.recordsList.warm.p50)} ms. ` +
      `Data layer usable after a restart: open ${fmt(m.dataLayerReady.openMs)} ms + first list ${fmt(m.dataLayerReady.firstListMs)} ms = ${fmt(m.dataLayerReady.totalMs)} ms.`,
    m.app
      ? `Real app (browser host + built renderer): records list rows visible ${fmt(m.app.usableMs)} ms after navigation with ${fmt(m.app.records, 0)} records.`
      : 'Real app start-up: not measured (see notes).',
    '',
    `Seeding (bulk): ${m.seeding.map((s) => `${s.system} ${fmt(s.docsPerSecond, 0)} docs/s over ${fmt(s.records, 0)} records`).join('; ')}.`,
  ];
  return out.join('\n');
}

function syncSection(r: PartResult<SyncMetrics>): string {
  const m = r.metrics;
  return [
    '### Sync (Chromium ↔ server on loopback)',
    `${fmt(m.documents, 0)} applications + ${fmt(m.photos, 0)} photos (${fmt(m.payloadMB)} MB payload) per run.`,
    '',
    table(
      ['system', 'direction', 'round', 'seconds', 'docs/s', 'MB/s', 'documents / photos done (s)'],
      m.runs.map((x) => [
        x.system,
        x.direction,
        x.round,
        fmt(x.ms / 1000),
        fmt(x.docsPerSecond),
        fmt(x.mbPerSecond, 2),
        x.docsMs === undefined ? '' : `${fmt(x.docsMs / 1000)} / ${fmt((x.photosMs ?? 0) / 1000)}`,
      ]),
    ),
    '',
    `Medians: Waypost push ${fmt(m.median.waypostPush)} docs/s, pull ${fmt(m.median.waypostPull)} docs/s; PouchDB push ${fmt(m.median.pouchPush)}, pull ${fmt(m.median.pouchPull)} docs/s → Waypost/PouchDB push ${m.vsPouch.push}×, pull ${m.vsPouch.pull}×.`,
    `Floors: raw Dexie bulk write ${fmt(m.floors.dexieBulkWriteMs, 0)} ms, PostgreSQL COPY ${fmt(m.floors.postgresCopyMs, 0)} ms; Waypost push takes ${m.floors.pushOverDexie}× the Dexie floor and ${m.floors.pushOverCopy}× COPY, pull ${m.floors.pullOverDexie}× and ${m.floors.pullOverCopy}×.`,
    `First full sync to a new device: ${fmt(m.firstSync.documents, 0)} documents in ${fmt(m.firstSync.seconds)} s (${fmt(m.firstSync.docsPerSecond)} docs/s${m.firstSync.documents === 100_000 ? '' : `; 100,000 projected: ${fmt(m.firstSync.projected100kSeconds, 0)} s`}); the server ingested them at ${fmt(m.firstSync.serverIngestDocsPerSecond)} docs/s.`,
    `Catch-up after a day offline (${m.catchUp.localRecords} local records with photos + ${m.catchUp.remoteRecords} from the other device): ${fmt(m.catchUp.seconds)} s.`,
  ].join('\n');
}

function serverSection(r: PartResult<ServerMetrics>): string {
  const m = r.metrics;
  return [
    '### Server (one process, PostgreSQL, 2 cores shared with the load generator)',
    'An item is one intake: 3 pushes (application, waybill, event) and a 30 KB photo PUT. Delivery: from the moment the application push is sent to its arrival on the stream of the other device of the same station. DB statements and transaction time are counted in the server process around its database handle; PostgreSQL CPU is every postgres process on the machine (shared with other users of the cluster).',
    '',
    table(
      [
        'devices',
        'streams',
        'rate ×avg',
        'compression',
        'items/s (offered)',
        'push p50 / p99 ms',
        'delivery p50 / p99 ms',
        'server CPU %',
        'PostgreSQL CPU %',
        'load generator CPU %',
        'CPU ms per item (server + PostgreSQL)',
        'DB statements per item',
        'transaction ms (mean)',
        'RSS MiB',
        'errors',
        'degraded',
      ],
      m.levels.map((l) => [
        l.devices,
        l.streams,
        l.rateFactor,
        `${l.compression}×`,
        `${fmt(l.itemsPerSecond)} (${fmt(l.offeredItemsPerSecond)})`,
        `${fmt(l.push.p50)} / ${fmt(l.push.p99)}`,
        `${fmt(l.delivery.p50)} / ${fmt(l.delivery.p99)}`,
        l.serverCpuPercent,
        l.postgresCpuPercent,
        fmt(l.clientCpuPercent, 0),
        l.itemsPerSecond > 0
          ? `${fmt((l.serverCpuPercent * 10) / l.itemsPerSecond)} + ${fmt((l.postgresCpuPercent * 10) / l.itemsPerSecond)}`
          : '—',
        fmt(l.queriesPerItem),
        fmt(l.transactionMs),
        fmt(l.serverRssMiB, 0),
        Object.entries(l.errors)
          .map(([k, v]) => `${k}:${v}`)
          .join(' ') || '0',
        l.degraded ? 'yes' : 'no',
      ]),
    ),
    '',
    m.saturation
      ? `Saturation: first degraded level ${m.saturation.devices} devices at ${m.saturation.rateFactor}× the average rate (${fmt(m.saturation.itemsPerSecond)} items/s): ${m.saturation.reason}.`
      : 'No level degraded.',
    `Set-up: ${m.setup.devices} devices enrolled and logged in through the real endpoints in ${fmt(m.setup.enrolAndLoginSeconds)} s. Items per second of server-process CPU (cheapest level, from CPU time per item): ${fmt(
      Math.max(
        0,
        ...m.levels
          .filter((l) => l.serverCpuPercent > 0)
          .map((l) => l.itemsPerSecond / (l.serverCpuPercent / 100)),
      ),
    )}.`,
  ].join('\n');
}

function printSection(r: PartResult<PrintMetrics>): string {
  const m = r.metrics;
  const cold = m.perKind.some((k) => k.cold !== undefined);
  return [
    '### Printing',
    'Per label on a warmed process, every label different (numbers, names, phones, times); ms.',
    '',
    table(
      [
        'label',
        'dots',
        'layout p50 / p95 / p99',
        'raster p50 / p95 / p99',
        'layout+raster p50 / p95 / p99',
        'CPU p50 / p95',
        'text lines drawn / cached',
        'TSPL encode p50',
        'TSPL bytes',
      ],
      m.perKind.map((k) => [
        k.kind,
        `${k.widthDots}×${k.heightDots}`,
        `${fmt(k.layout.p50, 2)} / ${fmt(k.layout.p95, 2)} / ${fmt(k.layout.p99, 2)}`,
        `${fmt(k.raster.p50, 2)} / ${fmt(k.raster.p95, 2)} / ${fmt(k.raster.p99, 2)}`,
        `${fmt(k.total.p50, 2)} / ${fmt(k.total.p95, 2)} / ${fmt(k.total.p99, 2)}`,
        k.totalCpu ? `${fmt(k.totalCpu.p50, 2)} / ${fmt(k.totalCpu.p95, 2)}` : '—',
        k.textLinesPerLabel
          ? `${fmt(k.textLinesPerLabel.drawn)} / ${fmt(k.textLinesPerLabel.cached)}`
          : '—',
        fmt(k.encodeTspl.p50, 2),
        fmt(k.bytesTspl, 0),
      ]),
    ),
    ...(cold
      ? [
          '',
          'First label of each kind in a fresh process (cold), ms:',
          '',
          table(
            ['label', 'module import', 'fonts', 'layout', 'raster', 'total'],
            m.perKind.map((k) => [
              k.kind,
              fmt(k.cold?.importMs),
              fmt(k.cold?.loadFontsMs),
              fmt(k.cold?.layoutMs, 2),
              fmt(k.cold?.rasterMs),
              fmt(k.cold?.totalMs),
            ]),
          ),
        ]
      : []),
    '',
    table(
      ['driver', 'labels', 'seconds', 'labels/hour', 'acknowledged'],
      m.batches.map((b) => [
        b.driver,
        b.labels,
        fmt(b.ms / 1000),
        fmt(b.labelsPerHour, 0),
        b.acknowledgements,
      ]),
    ),
    '',
    `Packing lines in the seeds: ${m.packingLineItemsPerHour.join('–')} items/hour. A real head at ${m.mechanicalBound.map((b) => `${b.speedMmPerS} mm/s ≈ ${fmt(b.labelsPerHour, 0)}`).join(', ')} labels/hour (150 mm label + 2 mm gap).`,
  ].join('\n');
}

export async function writeSummary(): Promise<string> {
  const results = (await Promise.all(PARTS.map((p) => readResult(p)))).filter(
    (r): r is PartResult => r !== null,
  );
  const lines: string[] = ['# Waypost benchmark summary', ''];
  lines.push(
    'Generated by `npm run bench` from bench/results/*.json. Each part records its own command, time and machine.',
    '',
  );
  lines.push(
    table(
      ['part', 'command', 'finished', 'duration s', 'machine', 'load at start'],
      results.map((r) => [
        r.part,
        `\`${r.command}\``,
        r.finishedAt.replace('T', ' ').slice(0, 16),
        fmt(r.durationSeconds, 0),
        `${r.machine.cores} × ${r.machine.cpuModel}, ${r.machine.memoryGiB} GiB, Node ${r.machine.node}${r.machine.chromium ? `, Chromium ${r.machine.chromium}` : ''}${r.machine.postgres ? `, ${r.machine.postgres}` : ''}`,
        r.machine.notes.join('; ').replace('1-minute load average at start: ', ''),
      ]),
    ),
    '',
    '## Targets',
    '',
    table(
      ['part', 'target', 'asked', 'measured', 'met'],
      results.flatMap((r) =>
        r.targets.map((t) => [r.part, t.name, t.target, t.measured, t.met ? 'yes' : '**no**']),
      ),
    ),
    '',
    '## Results',
    '',
  );
  for (const r of results) {
    if (r.part === 'local') lines.push(localSection(r as PartResult<LocalMetrics>));
    if (r.part === 'sync') lines.push(syncSection(r as PartResult<SyncMetrics>));
    if (r.part === 'server') lines.push(serverSection(r as PartResult<ServerMetrics>));
    if (r.part === 'print') lines.push(printSection(r as PartResult<PrintMetrics>));
    if (r.config.quick) lines.push('', '_Quick run (`--quick`): small sizes, not the asked ones._');
    if (r.notes.length > 0) lines.push('', ...r.notes.map((n) => `- ${n}`));
    lines.push('');
  }
  const file = path.join(RESULTS_DIR, 'summary.md');
  await writeFile(file, `${lines.join('\n')}\n`);
  return file;
}
