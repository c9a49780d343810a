// One waybill through the whole path — layout, raster, ESC/POS or TSPL bytes,
// a real TCP connection — into the virtual printer, whose decoded PNG is read
// back with zbarimg.
import { existsSync, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createPrintService } from '../../../electron/printing/service.ts';
import {
  SAMPLE_ID_NUMBER,
  sampleLabel,
  sampleWaybill,
} from '../../../electron/printing/samples.ts';
import { layoutLabel, layoutTexts } from '../../../shared/printing/layout/index.ts';
import type { PrinterConfig } from '../../../shared/printing/types.ts';
import { unwrap } from '../../../shared/result.ts';
import { zbarRead } from '../../support/printer-zbar.ts';
import {
  decodeCapture,
  imageToPng,
  VirtualPrinter,
  type VirtualPrinterOptions,
} from '../../support/virtual-printer.ts';

const cleanup: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const task of cleanup.splice(0).reverse()) await task();
});

async function setup(options: VirtualPrinterOptions, config: Partial<PrinterConfig> = {}) {
  const printer = await VirtualPrinter.start(options);
  const dataDir = mkdtempSync(path.join(tmpdir(), 'waypost-print-'));
  const service = createPrintService({ dataDir, timeouts: { ackMs: 5000 } });
  cleanup.push(async () => {
    await service.close();
    await printer.close();
  });
  const saved = await service.savePrinter({
    id: 'p1',
    name: '测试打印机',
    uri: printer.uri,
    driver: options.protocol,
    dpi: 203,
    widthMm: options.protocol === 'tspl' ? 104 : 80,
    labelKinds:
      options.protocol === 'tspl'
        ? ['ems100x150', 'ems76x130', 'receipt80']
        : ['receipt80', 'ems76x130'],
    ...config,
  });
  expect(saved.ok).toBe(true);
  return { printer, service, dataDir };
}

const waybillFor = (kind: 'ems100x150' | 'ems76x130') =>
  ({ kind, waybill: sampleWaybill }) as const;

describe.each([
  { protocol: 'escpos' as const, kind: 'ems76x130' as const },
  { protocol: 'tspl' as const, kind: 'ems100x150' as const },
])('waybill for 王𠮷 through $protocol', ({ protocol, kind }) => {
  it('prints a label whose barcode reads back as the waybill number, masked and without ID number', async () => {
    const { printer, service, dataDir } = await setup({ protocol });

    const check = unwrap(await service.checkPrinter('p1'));
    expect(check).toMatchObject({ reachable: true, paper: 'ok', faults: [] });

    const receipt = unwrap(
      await service.printLabel({
        labelKey: 'waybill:EA123456785CN',
        printerId: 'p1',
        label: waybillFor(kind),
      }),
    );
    expect(receipt).toMatchObject({ confirmation: 'acknowledged', paper: 'ok', reprint: false });
    expect(printer.labels).toHaveLength(1);
    const captured = printer.labels[0];
    if (captured === undefined) throw new Error('nothing captured');
    expect(captured.image.widthDots).toBe(kind === 'ems100x150' ? 800 : 608);

    const [png] = printer.savePngs(path.join(dataDir, 'captured'), protocol);
    if (png === undefined) throw new Error('no png');
    expect(existsSync(png) && statSync(png).size > 1000).toBe(true);
    expect(zbarRead([png], 'code128')).toEqual(['EA123456785CN']);

    // What was laid out (and therefore printed): masked name and phone, no ID number.
    const layout = unwrap(layoutLabel(waybillFor(kind)));
    const text = layoutTexts(layout);
    expect(text).toContain('王*');
    expect(text).toContain('138******78');
    expect(text.join('\n')).not.toContain('王𠮷');
    expect(text.join('\n')).not.toContain('13812345678');
    expect(text.join('\n')).not.toContain(SAMPLE_ID_NUMBER);

    // The ledger refuses a second print; a reprint needs a reason and is recorded.
    const again = await service.printLabel({
      labelKey: 'waybill:EA123456785CN',
      printerId: 'p1',
      label: waybillFor(kind),
    });
    expect(again.ok ? 'ok' : again.error.code).toBe('LABEL_ALREADY_PRINTED');
    const noReason = await service.reprintLabel({
      labelKey: 'waybill:EA123456785CN',
      printerId: 'p1',
      reason: ' ',
    });
    expect(noReason.ok ? 'ok' : noReason.error.code).toBe('REASON_REQUIRED');
    const reprint = unwrap(
      await service.reprintLabel({
        labelKey: 'waybill:EA123456785CN',
        printerId: 'p1',
        reason: '面单被污损',
      }),
    );
    expect(reprint.reprint).toBe(true);
    expect(printer.labels).toHaveLength(2);
    const [, second] = printer.savePngs(path.join(dataDir, 'captured'), protocol);
    expect(zbarRead([second ?? ''], 'code128')).toEqual(['EA123456785CN']);

    unwrap(await service.voidLabel({ labelKey: 'waybill:EA123456785CN', reason: '客户取消邮寄' }));
    const afterVoid = await service.reprintLabel({
      labelKey: 'waybill:EA123456785CN',
      printerId: 'p1',
      reason: '再打',
    });
    expect(afterVoid.ok ? 'ok' : afterVoid.error.code).toBe('LABEL_VOIDED');

    const entries = await service.ledger({ labelKey: 'waybill:EA123456785CN' });
    expect(entries.map((e) => e.kind)).toEqual(['attempt', 'print', 'attempt', 'reprint', 'void']);
    expect(entries.find((e) => e.kind === 'reprint')?.reason).toBe('面单被污损');
    // The ledger and stored layouts hold no personal data.
    expect(JSON.stringify(entries)).not.toMatch(/𠮷|13812345678|502/u);
  });
});

describe('printer check and refusals', () => {
  it('reports paper out and refuses to print into it', async () => {
    const { printer, service } = await setup({ protocol: 'escpos', status: 'paper_out' });
    expect(unwrap(await service.checkPrinter('p1')).paper).toBe('out');
    const result = await service.printLabel({
      labelKey: 'receipt:A1',
      printerId: 'p1',
      label: sampleLabel('receipt80'),
    });
    expect(result.ok ? 'ok' : result.error.code).toBe('PRINTER_PAPER_OUT');
    expect(result.ok ? '' : result.error.message).toContain('缺纸');
    expect(printer.labels).toHaveLength(0);
    expect((await service.ledger({})).length).toBe(0);
  });

  it('reports paper near end but prints', async () => {
    const { service } = await setup({ protocol: 'escpos', status: 'near_end' });
    expect(unwrap(await service.checkPrinter('p1')).paper).toBe('near_end');
    const receipt = unwrap(
      await service.printLabel({
        labelKey: 'receipt:A2',
        printerId: 'p1',
        label: sampleLabel('receipt80'),
      }),
    );
    expect(receipt.paper).toBe('near_end');
  });

  it('prints to a printer that never answers status queries, confirmed by close', async () => {
    const { printer, service, dataDir } = await setup({ protocol: 'tspl', status: 'silent' });
    expect(unwrap(await service.checkPrinter('p1')).paper).toBe('unknown');
    const receipt = unwrap(
      await service.printLabel({
        labelKey: 'receipt:A3',
        printerId: 'p1',
        label: sampleLabel('receipt80'),
      }),
    );
    expect(receipt.confirmation).toBe('closed');
    const [png] = printer.savePngs(path.join(dataDir, 'silent'));
    expect(zbarRead([png ?? ''], 'qrcode')).toEqual(['WP1:A140106202603070001']);
  });

  it('says clearly when the printer cannot be reached', async () => {
    const closed = net.createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const address = closed.address();
    if (address === null || typeof address === 'string') throw new Error('no port');
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const { service } = await setup(
      { protocol: 'escpos' },
      { uri: `tcp://127.0.0.1:${address.port}` },
    );
    const check = await service.checkPrinter('p1');
    expect(check.ok ? 'ok' : check.error.code).toBe('PRINTER_UNREACHABLE');
    expect(check.ok ? '' : check.error.message).toContain('打印机无法连接');
    const printed = await service.printLabel({
      labelKey: 'receipt:A4',
      printerId: 'p1',
      label: sampleLabel('receipt80'),
    });
    expect(printed.ok ? 'ok' : printed.error.code).toBe('PRINTER_UNREACHABLE');
    expect(await service.ledger({})).toEqual([]);
  });

  it('refuses label kinds the printer is not set up for', async () => {
    const { service } = await setup({ protocol: 'escpos' });
    const result = await service.printLabel({
      labelKey: 'waybill:EA000000080CN',
      printerId: 'p1',
      label: waybillFor('ems100x150'),
    });
    expect(result.ok ? 'ok' : result.error.code).toBe('PRINTER_LABEL_KIND');
  });

  it('renders a PNG preview for the OS print path', async () => {
    const { service } = await setup({ protocol: 'escpos' });
    const preview = unwrap(
      await service.renderPreview({ label: sampleLabel('ems100x150'), dpi: 300 }),
    );
    expect([preview.widthDots, preview.heightDots]).toEqual([1181, 1772]);
    expect([...preview.png.subarray(1, 4)]).toEqual([0x50, 0x4e, 0x47]);
  });
});

describe('device-path printers (through node-thermal-printer)', () => {
  it.each(['escpos', 'tspl'] as const)('writes a %s label to the device file', async (driver) => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'waypost-device-'));
    const device = path.join(dataDir, 'lp0');
    writeFileSync(device, '');
    const service = createPrintService({ dataDir });
    cleanup.push(() => service.close());
    unwrap(
      await service.savePrinter({
        id: 'usb',
        name: 'USB 打印机',
        uri: `device:${device}`,
        driver,
        dpi: 203,
        widthMm: 80,
        labelKinds: ['receipt80'],
      }),
    );
    expect(unwrap(await service.checkPrinter('usb')).paper).toBe('unknown');
    const receipt = unwrap(
      await service.printLabel({
        labelKey: 'receipt:D1',
        printerId: 'usb',
        label: sampleLabel('receipt80'),
      }),
    );
    expect(receipt.confirmation).toBe('spooled');
    const images = decodeCapture(driver, readFileSync(device));
    expect(images).toHaveLength(1);
    const png = path.join(dataDir, 'device.png');
    writeFileSync(
      png,
      imageToPng(
        images[0] ?? { widthDots: 0, heightDots: 0, bytesPerRow: 0, data: new Uint8Array() },
      ),
    );
    expect(zbarRead([png], 'qrcode')).toEqual(['WP1:A140106202603070001']);

    const missing = await service.savePrinter({
      id: 'gone',
      name: 'x',
      uri: `device:${device}-missing`,
      driver,
      dpi: 203,
      widthMm: 80,
      labelKinds: ['receipt80'],
    });
    expect(missing.ok).toBe(true);
    const unreachable = await service.checkPrinter('gone');
    expect(unreachable.ok ? 'ok' : unreachable.error.code).toBe('PRINTER_UNREACHABLE');
  });
});

describe('single prints with an uncertain outcome and OS printers', () => {
  it('a label whose connection died before confirmation may be printed again, flagged afterInDoubt', async () => {
    const { printer, service } = await setup({
      protocol: 'escpos',
      dropAfterLabels: 1,
      dropMode: 'before_ack',
    });
    const first = await service.printLabel({
      labelKey: 'receipt:R1',
      printerId: 'p1',
      label: sampleLabel('receipt80'),
    });
    expect(first.ok ? 'ok' : first.error.code).toBe('PRINTER_CONNECTION_LOST');
    const second = unwrap(
      await service.printLabel({
        labelKey: 'receipt:R1',
        printerId: 'p1',
        label: sampleLabel('receipt80'),
      }),
    );
    expect(second.reprint).toBe(false);
    const entries = await service.ledger({ labelKey: 'receipt:R1' });
    expect(entries.map((e) => e.kind)).toEqual(['attempt', 'attempt', 'print']);
    expect(entries[2]?.afterInDoubt).toBe(true);
    expect(printer.labels).toHaveLength(2);
  });

  it("prints through the shell's OS printing hook for driver 'os'", async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'waypost-os-'));
    const jobs: Array<{ printerName: string; widthMm: number; heightMm: number; bytes: number }> =
      [];
    const service = createPrintService({
      dataDir,
      osPrint: async (job) => {
        jobs.push({
          printerName: job.printerName,
          widthMm: job.widthMm,
          heightMm: job.heightMm,
          bytes: job.png.length,
        });
        return { ok: true, value: undefined };
      },
    });
    cleanup.push(() => service.close());
    unwrap(
      await service.savePrinter({
        id: 'os1',
        name: '办公室打印机',
        uri: 'os:Office Laser',
        driver: 'os',
        dpi: 300,
        widthMm: 104,
        labelKinds: ['ems100x150'],
      }),
    );
    const receipt = unwrap(
      await service.printLabel({
        labelKey: 'waybill:EA123456785CN',
        printerId: 'os1',
        label: waybillFor('ems100x150'),
      }),
    );
    expect(receipt.confirmation).toBe('spooled');
    expect(jobs).toHaveLength(1);
    expect(jobs[0]).toMatchObject({ printerName: 'Office Laser' });
    expect(jobs[0]?.widthMm).toBeCloseTo(100, 0);
    expect(jobs[0]?.heightMm).toBeCloseTo(150, 0);

    const noHook = createPrintService({ dataDir: mkdtempSync(path.join(tmpdir(), 'waypost-os-')) });
    cleanup.push(() => noHook.close());
    unwrap(
      await noHook.savePrinter({
        id: 'os1',
        name: 'x',
        uri: 'os:Office',
        driver: 'os',
        dpi: 203,
        widthMm: 80,
        labelKinds: ['receipt80'],
      }),
    );
    const refused = await noHook.printLabel({
      labelKey: 'receipt:O1',
      printerId: 'os1',
      label: sampleLabel('receipt80'),
    });
    expect(refused.ok ? 'ok' : refused.error.code).toBe('PRINTER_OS_UNAVAILABLE');
  });
});
