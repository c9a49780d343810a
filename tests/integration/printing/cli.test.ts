// `npm run printer -- test …` against the virtual printer.
import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { EXIT, main } from '../../../electron/printing/cli.ts';
import { zbarRead } from '../../support/printer-zbar.ts';
import { VirtualPrinter } from '../../support/virtual-printer.ts';

const printers: VirtualPrinter[] = [];
afterEach(async () => {
  for (const printer of printers.splice(0)) await printer.close();
});

async function run(argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(argv, { out: (l) => out.push(l), err: (l) => err.push(l) });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

describe('printer CLI', () => {
  it.each([
    ['escpos', 'receipt80', 'qrcode', 'WP1:A140106202603070001'],
    ['tspl', 'ems100x150', 'code128', 'EA123456785CN'],
    ['tspl', 'ems76x130', 'code128', 'EA123456785CN'],
  ] as const)(
    'test prints a %s %s sample that reads back',
    async (driver, label, symbology, expected) => {
      const printer = await VirtualPrinter.start({ protocol: driver });
      printers.push(printer);
      const result = await run([
        'test',
        '--printer',
        printer.uri,
        '--driver',
        driver,
        '--label',
        label,
      ]);
      expect(result.code, result.err).toBe(EXIT.ok);
      expect(result.out).toContain('已打印测试标签');
      const files = printer.savePngs(mkdtempSync(path.join(tmpdir(), 'waypost-cli-')));
      expect(zbarRead(files, symbology)).toEqual([expected]);
    },
  );

  it('check reports paper out with its own exit code', async () => {
    const printer = await VirtualPrinter.start({ protocol: 'escpos', status: 'paper_out' });
    printers.push(printer);
    const check = await run(['check', '--printer', printer.uri, '--driver', 'escpos']);
    expect(check.code).toBe(EXIT.printerProblem);
    const test = await run([
      'test',
      '--printer',
      printer.uri,
      '--driver',
      'escpos',
      '--label',
      'receipt80',
    ]);
    expect(test.code).toBe(EXIT.printerProblem);
    expect(test.err).toContain('缺纸');
  });

  it('usage errors exit 2', async () => {
    expect((await run([])).code).toBe(EXIT.usage);
    expect((await run(['test', '--printer', 'tcp://127.0.0.1:9', '--driver', 'zpl'])).code).toBe(
      EXIT.usage,
    );
    expect((await run(['test', '--printer', 'http://x', '--driver', 'escpos'])).code).toBe(
      EXIT.usage,
    );
  });

  it('runs as `npm run printer` and exits 3 with a Chinese message when the printer is unreachable', () => {
    const result = spawnSync(
      'npm',
      [
        'run',
        '--silent',
        'printer',
        '--',
        'test',
        '--printer',
        'tcp://127.0.0.1:1',
        '--driver',
        'escpos',
        '--label',
        'receipt80',
      ],
      {
        encoding: 'utf8',
        timeout: 60_000,
      },
    );
    expect(result.status).toBe(EXIT.unreachable);
    expect(result.stderr).toContain('打印机无法连接');
    expect(result.stderr).toContain('PRINTER_UNREACHABLE');
  });
});
