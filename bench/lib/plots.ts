// docs/perf/*.png from the result files: ECharts renders SVG server-side, @napi-rs/canvas
// rasterises it to PNG.
import { existsSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import * as echarts from 'echarts';
import { GlobalFonts, createCanvas, loadImage } from '@napi-rs/canvas';
import { readResult, type PartResult } from './results.ts';
import type { LocalMetrics } from '../local.ts';
import type { SyncMetrics } from '../sync.ts';
import type { LevelResult, ServerMetrics } from '../server.ts';
import type { PrintMetrics } from '../print.ts';

/** BENCH_PLOTS_DIR: see BENCH_RESULTS_DIR. */
export const PLOTS_DIR = path.resolve(process.env.BENCH_PLOTS_DIR ?? 'docs/perf');
const WIDTH = 900;
const HEIGHT = 480;
// Latin text only: the SVG rasteriser does not fall back to CJK fonts.
const FONT = 'DejaVu Sans, sans-serif';
const FONT_FILES = ['/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf'];

let fontsLoaded = false;
function loadFonts(): void {
  if (fontsLoaded) return;
  for (const file of FONT_FILES) if (existsSync(file)) GlobalFonts.registerFromPath(file);
  fontsLoaded = true;
}

type Option = Parameters<echarts.ECharts['setOption']>[0];

async function render(file: string, option: Option): Promise<string> {
  loadFonts();
  const chart = echarts.init(null, null, {
    renderer: 'svg',
    ssr: true,
    width: WIDTH,
    height: HEIGHT,
  });
  chart.setOption({
    animation: false,
    backgroundColor: '#ffffff',
    textStyle: { fontFamily: FONT },
    ...option,
  });
  // Skia draws stroke-width 0 as a hairline; ECharts emits it for borderless boxes.
  const svg = chart.renderToSVGString().replace(/ stroke="[^"]*" stroke-width="0"/g, '');
  chart.dispose();
  const image = await loadImage(Buffer.from(svg));
  const canvas = createCanvas(WIDTH, HEIGHT);
  const context = canvas.getContext('2d');
  context.fillStyle = '#ffffff';
  context.fillRect(0, 0, WIDTH, HEIGHT);
  context.drawImage(image, 0, 0, WIDTH, HEIGHT);
  const out = path.join(PLOTS_DIR, file);
  await writeFile(out, canvas.toBuffer('image/png'));
  return out;
}

const title = (text: string, subtext?: string) => ({
  text,
  ...(subtext ? { subtext } : {}),
  left: 'center',
  textStyle: { fontSize: 16 },
});
const legend = { top: 60 };
const grid = { top: 105, left: 70, right: 40, bottom: 60 };

function localPlots(r: PartResult<LocalMetrics>): Promise<string>[] {
  const m = r.metrics;
  const levels = m.saves.map((s) => s.stored.toLocaleString('en'));
  const bar = (name: string, data: number[]) => ({
    name,
    type: 'bar' as const,
    data,
    label: { show: true, position: 'top' as const, fontSize: 10 },
  });
  return [
    render('local-intake-save.png', {
      title: title(
        'Intake save latency (application + waybill + 30 KB photo)',
        'Chromium, IndexedDB on disk',
      ),
      legend,
      grid,
      tooltip: {},
      xAxis: {
        type: 'category',
        data: levels,
        name: 'records stored',
        nameLocation: 'middle',
        nameGap: 30,
      },
      yAxis: { type: 'value', name: 'ms' },
      series: [
        bar(
          'Waypost p50',
          m.saves.map((s) => s.waypost.p50),
        ),
        bar(
          'Waypost p95',
          m.saves.map((s) => s.waypost.p95),
        ),
        bar(
          'raw Dexie p50',
          m.saves.map((s) => s.dexie.p50),
        ),
        bar(
          'raw Dexie p95',
          m.saves.map((s) => s.dexie.p95),
        ),
        {
          name: 'target p95 < 50 ms',
          type: 'line',
          data: levels.map(() => 50),
          lineStyle: { type: 'dashed', color: '#d33' },
          symbol: 'none',
        },
      ],
    }),
    render('local-search.png', {
      title: title(`Search latency p95 at ${levels[levels.length - 1] ?? ''} records`, 'log scale'),
      legend,
      grid,
      xAxis: { type: 'category', data: m.searches.map((s) => s.kind) },
      yAxis: { type: 'log', name: 'ms (log)' },
      series: [
        bar(
          'Waypost p95',
          m.searches.map((s) => Math.max(0.01, s.waypost.p95)),
        ),
        bar(
          'raw Dexie p95',
          m.searches.map((s) => Math.max(0.01, s.dexie.p95)),
        ),
        {
          name: 'target 50 ms',
          type: 'line',
          data: m.searches.map(() => 50),
          lineStyle: { type: 'dashed', color: '#d33' },
          symbol: 'none',
        },
      ],
    }),
  ];
}

function syncPlots(r: PartResult<SyncMetrics>): Promise<string>[] {
  const m = r.metrics;
  return [
    render('sync-throughput.png', {
      title: title(
        `Sync throughput: ${m.documents.toLocaleString('en')} applications + ${m.photos.toLocaleString('en')} photos`,
        'medians over the rounds, docs/s',
      ),
      legend,
      grid,
      xAxis: { type: 'category', data: ['push', 'pull'] },
      yAxis: { type: 'value', name: 'docs/s' },
      series: [
        {
          name: 'Waypost',
          type: 'bar',
          data: [m.median.waypostPush, m.median.waypostPull],
          label: { show: true, position: 'top' },
        },
        {
          name: 'PouchDB ↔ pouchdb-server',
          type: 'bar',
          data: [m.median.pouchPush, m.median.pouchPull],
          label: { show: true, position: 'top' },
        },
      ],
    }),
  ];
}

function serverPlots(r: PartResult<ServerMetrics>): Promise<string>[] {
  const m = r.metrics;
  const names = m.levels.map(
    (l) => `${l.devices} dev × ${l.rateFactor}${l.streams === 0 ? ' (no streams)' : ''}`,
  );
  return [
    render('server-latency.png', {
      title: title(
        'Server: push and stream delivery latency by load',
        'devices × rate (multiple of the average outlet rate; 10 = peak)',
      ),
      legend,
      grid: { ...grid, right: 70 },
      xAxis: { type: 'category', data: names, axisLabel: { rotate: 20, fontSize: 10 } },
      yAxis: [
        { type: 'log', name: 'ms (log)' },
        { type: 'value', name: 'items/s', position: 'right' },
      ],
      series: [
        { name: 'push p50', type: 'line', data: m.levels.map((l) => l.push.p50) },
        { name: 'push p99', type: 'line', data: m.levels.map((l) => l.push.p99) },
        {
          name: 'delivery p99',
          type: 'line',
          connectNulls: false,
          data: m.levels.map((l) =>
            l.streams === 0 || !Number.isFinite(l.delivery.p99) ? null : l.delivery.p99,
          ),
        },
        {
          name: 'items/s',
          type: 'bar',
          yAxisIndex: 1,
          data: m.levels.map((l) => l.itemsPerSecond),
          itemStyle: { opacity: 0.35 },
        },
        {
          name: 'p99 limit 250 ms',
          type: 'line',
          data: names.map(() => 250),
          lineStyle: { type: 'dashed', color: '#d33' },
          symbol: 'none',
        },
      ],
    }),
    // Who used the 2 cores at each level: the server, PostgreSQL, and the load generator.
    render('server-cpu.png', {
      title: title(
        'Server: CPU by process and database statements per item',
        'CPU % of one core (200 = both cores); statements counted in the server process',
      ),
      legend,
      grid: { ...grid, right: 70 },
      xAxis: { type: 'category', data: names, axisLabel: { rotate: 20, fontSize: 10 } },
      yAxis: [
        { type: 'value', name: 'CPU %' },
        { type: 'log', name: 'statements/item (log)', position: 'right' },
      ],
      series: [
        ...(
          [
            ['server', (l: LevelResult) => l.serverCpuPercent],
            ['PostgreSQL', (l: LevelResult) => l.postgresCpuPercent],
            ['load generator', (l: LevelResult) => l.clientCpuPercent],
          ] as const
        ).map(([name, value]) => ({
          name,
          type: 'bar',
          stack: 'cpu',
          data: m.levels.map((l) => value(l) ?? null),
        })),
        {
          name: 'statements/item',
          type: 'line',
          yAxisIndex: 1,
          data: m.levels.map((l) => l.queriesPerItem ?? null),
        },
      ],
    }),
  ];
}

function printPlots(r: PartResult<PrintMetrics>): Promise<string>[] {
  const m = r.metrics;
  return [
    render('print-labels.png', {
      title: title(
        'Label layout + raster time per kind (203 dpi)',
        'warm process, a different label each time; ms',
      ),
      legend,
      grid,
      xAxis: { type: 'category', data: m.perKind.map((k) => k.kind) },
      yAxis: { type: 'value', name: 'ms' },
      series: [
        {
          name: 'p50',
          type: 'bar',
          data: m.perKind.map((k) => k.total.p50),
          label: { show: true, position: 'top' },
        },
        {
          name: 'p95',
          type: 'bar',
          data: m.perKind.map((k) => k.total.p95),
          label: { show: true, position: 'top' },
        },
        {
          name: 'p99',
          type: 'bar',
          data: m.perKind.map((k) => k.total.p99),
          label: { show: true, position: 'top' },
        },
        {
          name: 'target 20 ms',
          type: 'line',
          data: m.perKind.map(() => 20),
          lineStyle: { type: 'dashed', color: '#d33' },
          symbol: 'none',
        },
      ],
    }),
  ];
}

export async function writePlots(): Promise<string[]> {
  await mkdir(PLOTS_DIR, { recursive: true });
  const jobs: Promise<string>[] = [];
  const local = await readResult('local');
  if (local) jobs.push(...localPlots(local as PartResult<LocalMetrics>));
  const sync = await readResult('sync');
  if (sync) jobs.push(...syncPlots(sync as PartResult<SyncMetrics>));
  const server = await readResult('server');
  if (server) jobs.push(...serverPlots(server as PartResult<ServerMetrics>));
  const print = await readResult('print');
  if (print) jobs.push(...printPlots(print as PartResult<PrintMetrics>));
  return Promise.all(jobs);
}
