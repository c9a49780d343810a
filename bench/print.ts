// Printing: layout + raster time per label kind (shared/printing layout, electron/printing
// raster at 203 dpi), and a 1,000-label batch through the real print service (ledger with
// fsync, per-label acknowledgement) to a TCP printer on loopback.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { layoutLabel } from '../shared/printing/layout/index.ts';
import { LABEL_KINDS, type LabelKind, type PrintBatchItem } from '../shared/printing/types.ts';
import { errorText } from '../shared/result.ts';
import { rasterDriverFor } from '../electron/printing/drivers/index.ts';
import { loadFonts } from '../electron/printing/raster/index.ts';
import { rasterise } from '../electron/printing/raster/render.ts';
import { sampleLabel, sampleWaybill } from '../electron/printing/samples.ts';
import { createPrintService } from '../electron/printing/service.ts';
import { s10WaybillNo } from './lib/synthetic.ts';
import { round, summarize, type LatencySummary } from './lib/stats.ts';
import { startVirtualPrinter } from './lib/virtual-printer.ts';
import type { PartContext, PartOutcome } from './lib/part.ts';

export interface PerKind {
  kind: LabelKind;
  widthDots: number;
  heightDots: number;
  layout: LatencySummary;
  raster: LatencySummary;
  total: LatencySummary;
  encodeTspl: LatencySummary;
  bytesTspl: number;
}

export interface BatchRun {
  driver: 'tspl' | 'escpos';
  labels: number;
  ms: number;
  labelsPerHour: number;
  bytesSent: number;
  acknowledgements: number;
}

export interface PrintMetrics {
  perKind: PerKind[];
  batches: BatchRun[];
  packingLineItemsPerHour: [number, number];
  /** Labels/hour a real head allows: (label + gap) at the given speeds, for comparison. */
  mechanicalBound: { speedMmPerS: number; labelsPerHour: number }[];
}

const TARGET_MS = 20;

function timeOnce<T>(run: () => T): [T, number] {
  const started = performance.now();
  const value = run();
  return [value, performance.now() - started];
}

export async function runPrint(ctx: PartContext): Promise<PartOutcome<PrintMetrics>> {
  const iterations = ctx.quick ? 30 : 200;
  const batchLabels = ctx.quick ? 100 : 1000;
  const fonts = loadFonts();
  if (!fonts.ok) throw new Error(errorText(fonts.error));
  const tspl = rasterDriverFor({
    id: 'x',
    name: 'x',
    uri: 'tcp://127.0.0.1:9100',
    driver: 'tspl',
    dpi: 203,
    widthMm: 100,
    labelKinds: [],
  });
  if (!tspl) throw new Error('no TSPL driver');

  const perKind: PerKind[] = [];
  for (const kind of LABEL_KINDS) {
    const label = sampleLabel(kind);
    const layoutMs: number[] = [];
    const rasterMs: number[] = [];
    const totalMs: number[] = [];
    const encodeMs: number[] = [];
    let widthDots = 0;
    let heightDots = 0;
    let bytesTspl = 0;
    for (let i = 0; i < iterations + 10; i += 1) {
      const [layout, lms] = timeOnce(() => layoutLabel(label));
      if (!layout.ok) throw new Error(errorText(layout.error));
      const [bitmap, rms] = timeOnce(() =>
        rasterise(layout.value, { dpi: 203, fonts: fonts.value }),
      );
      if (!bitmap.ok) throw new Error(errorText(bitmap.error));
      const config = {
        id: 'p',
        name: 'p',
        uri: 'tcp://127.0.0.1:9100',
        driver: 'tspl' as const,
        dpi: 203,
        widthMm: layout.value.paperWidthMm,
        labelKinds: [kind],
      };
      const [bytes, ems] = timeOnce(() => tspl.encode(bitmap.value, layout.value, config));
      if (i < 10) continue; // warm-up: font loading, JIT
      layoutMs.push(lms);
      rasterMs.push(rms);
      totalMs.push(lms + rms);
      encodeMs.push(ems);
      widthDots = bitmap.value.widthDots;
      heightDots = bitmap.value.heightDots;
      bytesTspl = bytes.length;
    }
    perKind.push({
      kind,
      widthDots,
      heightDots,
      layout: summarize(layoutMs),
      raster: summarize(rasterMs),
      total: summarize(totalMs),
      encodeTspl: summarize(encodeMs),
      bytesTspl,
    });
    ctx.log(
      `print ${kind}: layout+raster p50 ${round(summarize(totalMs).p50, 1)} ms, p99 ${round(summarize(totalMs).p99, 1)} ms`,
    );
  }

  const batches: BatchRun[] = [];
  // TSPL is what 100 mm label printers speak: the full batch there; ESC/POS gets a shorter one.
  for (const driver of ['tspl', 'escpos'] as const) {
    const labels = driver === 'tspl' ? batchLabels : Math.round(batchLabels / 5);
    const dataDir = await mkdtemp(path.join(tmpdir(), 'waypost-bench-print-'));
    const printer = await startVirtualPrinter();
    const service = createPrintService({ dataDir });
    try {
      const saved = await service.savePrinter({
        id: `bench-${driver}`,
        name: `Bench ${driver}`,
        uri: printer.uri,
        driver,
        dpi: 203,
        widthMm: 100,
        labelKinds: ['ems100x150'],
        gapMm: 2,
      });
      if (!saved.ok) throw new Error(errorText(saved.error));
      const items: PrintBatchItem[] = Array.from({ length: labels }, (_, i) => {
        const waybillNo = s10WaybillNo(i + 1, 'EP');
        return {
          labelKey: `waybill:${waybillNo}`,
          label: {
            kind: 'ems100x150',
            waybill: {
              ...sampleWaybill,
              waybillNo,
              acceptanceNo: `A${String(i).padStart(12, '0')}`,
            },
          },
        };
      });
      const started = performance.now();
      const start = await service.startBatch({
        batchId: `01BENCH${driver.toUpperCase()}0000000000000`.slice(0, 26),
        printerId: saved.value.id,
        items,
      });
      if (!start.ok) throw new Error(errorText(start.error));
      const done = await service.waitForBatch(start.value.batchId);
      const ms = performance.now() - started;
      if (!done.ok) throw new Error(errorText(done.error));
      if (done.value.printed !== labels) {
        throw new Error(
          `batch printed ${done.value.printed}/${labels}: ${done.value.lastError?.messageEn ?? done.value.state}`,
        );
      }
      const stats = printer.stats();
      batches.push({
        driver,
        labels,
        ms: round(ms, 1),
        labelsPerHour: Math.round((labels * 3_600_000) / ms),
        bytesSent: stats.bytes,
        acknowledgements: stats.queries,
      });
      ctx.log(`print batch ${driver}: ${labels} labels in ${round(ms / 1000, 2)} s`);
    } finally {
      await service.close();
      await printer.close();
      await rm(dataDir, { recursive: true, force: true });
    }
  }

  const mechanicalBound = [100, 150, 200].map((speed) => ({
    speedMmPerS: speed,
    labelsPerHour: Math.round(3600 / ((150 + 2) / speed)),
  }));
  const worst = perKind.reduce((a, b) => (b.total.p95 > a.total.p95 ? b : a));
  const slowestBatch = batches.reduce((a, b) => (b.labelsPerHour < a.labelsPerHour ? b : a));
  return {
    config: {
      iterations,
      batchLabels,
      dpi: 203,
      printer: 'TCP loopback virtual printer (acknowledges each label)',
    },
    metrics: { perKind, batches, packingLineItemsPerHour: [2500, 2700], mechanicalBound },
    targets: [
      {
        name: 'label layout + raster',
        target: `< ${TARGET_MS} ms per label`,
        measured: perKind.map((k) => `${k.kind} p95 ${round(k.total.p95, 1)} ms`).join('; '),
        met: worst.total.p95 < TARGET_MS,
        note: `slowest kind: ${worst.kind}`,
      },
      {
        name: '1,000-label batch vs packing lines (2,500–2,700 items/h)',
        target: '≥ 2,700 labels/h from the software',
        measured: batches
          .map((b) => `${b.driver} ${b.labelsPerHour.toLocaleString('en')} labels/h`)
          .join('; '),
        met: slowestBatch.labelsPerHour >= 2700,
      },
    ],
    notes: [
      'The virtual printer has no print head: the batch rate is what the software (layout, raster, encode, fsync ledger, per-label acknowledgement) allows; a real head adds its own limit (mechanicalBound).',
    ],
  };
}
