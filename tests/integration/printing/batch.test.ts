// Resumable batches against a virtual printer that loses its connection mid-way.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createPrintService, type PrintService } from '../../../electron/printing/service.ts';
import { sampleLabel, sampleWaybill } from '../../../electron/printing/samples.ts';
import type { LedgerEntry, PrintBatchItem } from '../../../shared/printing/types.ts';
import { unwrap } from '../../../shared/result.ts';
import { s10CheckDigit } from '../../../shared/validation/index.ts';
import { zbarRead } from '../../support/printer-zbar.ts';
import { VirtualPrinter, type VirtualPrinterOptions } from '../../support/virtual-printer.ts';

const cleanup: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const task of cleanup.splice(0).reverse()) await task();
});

function waybillItems(count: number): PrintBatchItem[] {
  return Array.from({ length: count }, (_, i) => {
    const serial = String(20000000 + i);
    const waybillNo = `EA${serial}${s10CheckDigit(serial)}CN`;
    return {
      labelKey: `waybill:${waybillNo}`,
      label: {
        kind: 'ems76x130',
        waybill: {
          ...sampleWaybill,
          waybillNo,
          acceptanceNo: `A1401062026030${String(i).padStart(5, '0')}`,
        },
      },
    };
  });
}

async function setup(options: VirtualPrinterOptions) {
  const printer = await VirtualPrinter.start(options);
  const dataDir = mkdtempSync(path.join(tmpdir(), 'waypost-batch-'));
  const open = () => createPrintService({ dataDir, timeouts: { ackMs: 5000 } });
  const services: PrintService[] = [];
  cleanup.push(async () => {
    for (const service of services) await service.close();
    await printer.close();
  });
  const service = open();
  services.push(service);
  unwrap(
    await service.savePrinter({
      id: 'label-1',
      name: '标签机',
      uri: printer.uri,
      driver: options.protocol,
      dpi: 203,
      widthMm: 80,
      labelKinds: ['ems76x130', 'receipt80'],
    }),
  );
  const reopen = () => {
    const next = open();
    services.push(next);
    return next;
  };
  return { printer, service, dataDir, reopen };
}

function printsPerLabel(entries: LedgerEntry[]): Map<string, LedgerEntry[]> {
  const prints = new Map<string, LedgerEntry[]>();
  for (const entry of entries) {
    if (entry.kind !== 'print') continue;
    prints.set(entry.labelKey, [...(prints.get(entry.labelKey) ?? []), entry]);
  }
  return prints;
}

describe('batch printing', () => {
  it(
    '200 labels, connection lost after label 57: resumes and finishes, each label printed exactly once',
    { timeout: 180_000 },
    async () => {
      const { printer, service, dataDir } = await setup({
        protocol: 'escpos',
        dropAfterLabels: 57,
        dropMode: 'after_ack',
      });
      const items = waybillItems(200);

      const started = unwrap(
        await service.startBatch({ batchId: 'B01TEST200', printerId: 'label-1', items }),
      );
      expect(started.state).toBe('running');
      const busy = await service.printLabel({
        labelKey: 'receipt:X1',
        printerId: 'label-1',
        label: sampleLabel('receipt80'),
      });
      expect(busy.ok ? 'ok' : busy.error.code).toBe('PRINTER_BUSY');

      const paused = unwrap(await service.waitForBatch('B01TEST200'));
      expect(paused).toMatchObject({ state: 'paused', printed: 57, inDoubt: 1, pending: 142 });
      expect(paused.lastError?.code).toBe('PRINTER_CONNECTION_LOST');
      expect(paused.lastError?.message).toContain('连接中断');
      expect(paused.items[57]).toEqual({ labelKey: items[57]?.labelKey, state: 'in_doubt' });

      // Starting the same batch again is idempotent (it resumes); other labels under the id are refused.
      const conflict = await service.startBatch({
        batchId: 'B01TEST200',
        printerId: 'label-1',
        items: items.slice(1),
      });
      expect(conflict.ok ? 'ok' : conflict.error.code).toBe('BATCH_CONFLICT');
      unwrap(await service.resumeBatch('B01TEST200'));
      const done = unwrap(await service.waitForBatch('B01TEST200'));
      expect(done).toMatchObject({
        state: 'done',
        printed: 200,
        pending: 0,
        inDoubt: 0,
        skipped: 0,
      });
      expect(done.lastError).toBeUndefined();

      const entries = await service.ledger({ limit: 10000 });
      const prints = printsPerLabel(entries);
      expect(prints.size).toBe(200);
      for (const item of items) expect(prints.get(item.labelKey)).toHaveLength(1);
      // Label 58 had been sent when the line dropped: reprinted on resume, flagged.
      expect(prints.get(items[57]?.labelKey ?? '')?.[0]?.afterInDoubt).toBe(true);
      expect([...prints.values()].filter(([p]) => p?.afterInDoubt)).toHaveLength(1);

      // And physically: 200 labels came out, in order, each waybill once.
      expect(printer.labels).toHaveLength(200);
      expect(printer.connections.filter((c) => c.dropped)).toHaveLength(1);
      // The barcode strip of each label (20–50 mm from the top on 76×130 at 8 dots/mm).
      const pngs = printer.savePngs(path.join(dataDir, 'captured'), 'label', {
        top: 160,
        bottom: 400,
      });
      expect(zbarRead(pngs, 'code128')).toEqual(
        items.map((item) => item.labelKey.slice('waybill:'.length)),
      );
    },
  );

  it(
    'a drop before the acknowledgement reprints the in-doubt label (at-least-once for in-doubt labels)',
    { timeout: 60_000 },
    async () => {
      const { printer, service } = await setup({
        protocol: 'tspl',
        dropAfterLabels: 5,
        dropMode: 'before_ack',
      });
      const items = waybillItems(12);
      unwrap(await service.startBatch({ batchId: 'B02', printerId: 'label-1', items }));
      const paused = unwrap(await service.waitForBatch('B02'));
      expect(paused).toMatchObject({ state: 'paused', printed: 4, inDoubt: 1 });
      unwrap(await service.resumeBatch('B02'));
      expect(unwrap(await service.waitForBatch('B02'))).toMatchObject({
        state: 'done',
        printed: 12,
      });

      const prints = printsPerLabel(await service.ledger({}));
      for (const item of items) expect(prints.get(item.labelKey)).toHaveLength(1);
      expect(prints.get(items[4]?.labelKey ?? '')?.[0]?.afterInDoubt).toBe(true);
      // The printer did print label 5 before it went silent: it came out twice.
      expect(printer.labels).toHaveLength(13);
    },
  );

  it(
    'resumes after the app restarts, from what the ledger recorded',
    { timeout: 60_000 },
    async () => {
      const { service, reopen } = await setup({
        protocol: 'tspl',
        status: 'silent',
        dropAfterLabels: 7,
      });
      const items = waybillItems(15);
      unwrap(await service.startBatch({ batchId: 'B03', printerId: 'label-1', items }));
      expect(unwrap(await service.waitForBatch('B03'))).toMatchObject({
        state: 'paused',
        printed: 7,
      });
      await service.close();

      const restarted = reopen();
      const progress = unwrap(await restarted.batchProgress('B03'));
      expect(progress).toMatchObject({ state: 'paused', printed: 7, inDoubt: 1, pending: 7 });
      expect(progress.lastError?.code).toBeDefined();
      unwrap(await restarted.resumeBatch('B03'));
      expect(unwrap(await restarted.waitForBatch('B03'))).toMatchObject({
        state: 'done',
        printed: 15,
      });
      const prints = printsPerLabel(await restarted.ledger({}));
      for (const item of items) expect(prints.get(item.labelKey)).toHaveLength(1);
      expect(new Set([...prints.values()].map(([p]) => p?.confirmation))).toEqual(
        new Set(['closed']),
      );
    },
  );

  it('skips labels printed before the batch', async () => {
    const { service } = await setup({ protocol: 'escpos' });
    const items = waybillItems(3);
    const first = items[0];
    if (first === undefined) throw new Error('no item');
    unwrap(await service.printLabel({ ...first, printerId: 'label-1' }));
    unwrap(await service.startBatch({ batchId: 'B04', printerId: 'label-1', items }));
    expect(unwrap(await service.waitForBatch('B04'))).toMatchObject({
      state: 'done',
      printed: 2,
      skipped: 1,
    });
  });
});
