import { appendFileSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { LEDGER_FILE, PrintLedger } from '../../../electron/printing/ledger/ledger.ts';
import { isPrinted, openAttemptsOf } from '../../../electron/printing/ledger/state.ts';
import { checkLabelKey, validatePrinterConfig } from '../../../shared/printing/config.ts';
import { parsePrinterUri } from '../../../shared/printing/uri.ts';
import type { PrinterConfig } from '../../../shared/printing/types.ts';

const tempDir = () => mkdtempSync(path.join(tmpdir(), 'waypost-ledger-'));

describe('print ledger', () => {
  it('persists entries and rebuilds label state on reopen', async () => {
    const dir = tempDir();
    const ledger = await PrintLedger.open(dir);
    const attempt = await ledger.append({
      kind: 'attempt',
      labelKey: 'waybill:EA123456785CN',
      printerId: 'p1',
    });
    await ledger.append({
      kind: 'print',
      labelKey: 'waybill:EA123456785CN',
      attemptId: attempt.id,
      confirmation: 'acknowledged',
    });
    await ledger.append({ kind: 'attempt', labelKey: 'waybill:EA000000080CN', batchId: 'B1' });
    await ledger.close();

    const reopened = await PrintLedger.open(dir);
    expect(reopened.unreadableLines).toBe(0);
    expect(isPrinted(reopened.state('waybill:EA123456785CN'))).toBe(true);
    expect(isPrinted(reopened.state('waybill:EA000000080CN'))).toBe(false);
    expect(openAttemptsOf(reopened.state('waybill:EA000000080CN'), 'B1')).toHaveLength(1);
    expect(reopened.query({ labelKey: 'waybill:EA123456785CN' }).map((e) => e.kind)).toEqual([
      'attempt',
      'print',
    ]);
    await reopened.close();
  });

  it('survives a torn last line (power loss mid-write) without corrupting the next entry', async () => {
    const dir = tempDir();
    const ledger = await PrintLedger.open(dir);
    await ledger.append({ kind: 'attempt', labelKey: 'k1' });
    await ledger.close();
    appendFileSync(path.join(dir, LEDGER_FILE), '{"id":"01TORN","at":17,"kind":"pri');

    const reopened = await PrintLedger.open(dir);
    expect(reopened.unreadableLines).toBe(1);
    await reopened.append({ kind: 'void', labelKey: 'k1', reason: '面单损坏' });
    await reopened.close();

    const again = await PrintLedger.open(dir);
    expect(again.unreadableLines).toBe(1);
    expect(again.query().map((e) => e.kind)).toEqual(['attempt', 'void']);
    const lines = readFileSync(path.join(dir, LEDGER_FILE), 'utf8').split('\n');
    expect(lines.filter((l) => l.startsWith('{"id":"01TORN"'))).toHaveLength(1);
    await again.close();
  });

  it('serialises concurrent appends with unique, ordered ids', async () => {
    const ledger = await PrintLedger.open(tempDir());
    const entries = await Promise.all(
      Array.from({ length: 100 }, (_, i) => ledger.append({ kind: 'attempt', labelKey: `k${i}` })),
    );
    const ids = entries.map((e) => e.id);
    expect(new Set(ids).size).toBe(100);
    expect([...ids].sort()).toEqual(ids);
    expect(ledger.query({ limit: 5 }).map((e) => e.labelKey)).toEqual([
      'k95',
      'k96',
      'k97',
      'k98',
      'k99',
    ]);
    await ledger.close();
  });
});

describe('printer configuration', () => {
  const base: PrinterConfig = {
    id: 'label-1',
    name: '标签机',
    uri: 'tcp://192.168.1.50:9100',
    driver: 'tspl',
    dpi: 203,
    widthMm: 104,
    labelKinds: ['ems100x150', 'ems76x130'],
  };

  it('parses printer addresses', () => {
    expect(parsePrinterUri('tcp://192.168.1.50')).toEqual({
      ok: true,
      value: { scheme: 'tcp', host: '192.168.1.50', port: 9100 },
    });
    expect(parsePrinterUri('tcp://[fe80::1]:9101')).toEqual({
      ok: true,
      value: { scheme: 'tcp', host: 'fe80::1', port: 9101 },
    });
    expect(parsePrinterUri('device:/dev/usb/lp0')).toEqual({
      ok: true,
      value: { scheme: 'device', path: '/dev/usb/lp0' },
    });
    expect(parsePrinterUri('os:XP-80C')).toEqual({
      ok: true,
      value: { scheme: 'os', name: 'XP-80C' },
    });
    expect(parsePrinterUri('http://x').ok).toBe(false);
    expect(parsePrinterUri('tcp://host:70000').ok).toBe(false);
  });

  it('validates configs with field-level Chinese errors', () => {
    expect(validatePrinterConfig(base).ok).toBe(true);
    const code = (c: PrinterConfig) => {
      const r = validatePrinterConfig(c);
      return r.ok ? 'ok' : `${r.error.code}:${r.error.field ?? ''}`;
    };
    expect(code({ ...base, dpi: 600 })).toBe('PRINTER_DPI:dpi');
    expect(code({ ...base, widthMm: 80 })).toBe('PRINTER_LABEL_TOO_WIDE:labelKinds');
    expect(code({ ...base, driver: 'os' })).toBe('PRINTER_DRIVER:driver');
    expect(code({ ...base, uri: 'lpt1' })).toBe('PRINTER_URI:uri');
  });

  it('accepts only ASCII label keys (no personal data in the ledger)', () => {
    expect(checkLabelKey('waybill:EA123456785CN').ok).toBe(true);
    expect(checkLabelKey('receipt:王𠮷').ok).toBe(false);
    expect(checkLabelKey('').ok).toBe(false);
  });
});
