// `npm run printer -- …` for installers setting up a printer. Prints sample
// labels with synthetic data; never touches the print ledger.
//
//   npm run printer -- test  --printer tcp://HOST:9100 --driver escpos|tspl --label ems100x150|ems76x130|receipt80
//   npm run printer -- check --printer tcp://HOST:9100 --driver escpos|tspl
//   npm run printer -- preview --label KIND --out label.png
//
// Exit codes: 0 done · 2 usage · 3 printer unreachable / connection lost ·
// 4 printer reports a problem (paper out, fault) · 5 no CJK font · 1 other.
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { pathToFileURL } from 'node:url';
import { paperWidthFor, validatePrinterConfig } from '../../shared/printing/config.ts';
import { layoutLabel } from '../../shared/printing/layout/index.ts';
import { LABEL_KINDS, type LabelKind, type PrinterConfig } from '../../shared/printing/types.ts';
import { parsePrinterUri } from '../../shared/printing/uri.ts';
import { errorText, type WaypostError } from '../../shared/result.ts';
import { rasterDriverFor } from './drivers/index.ts';
import { encodeLabel } from './engine.ts';
import { DEFAULT_TIMEOUTS, openLink, probeTcp } from './link.ts';
import { bitmapToPng } from './raster/bitmap.ts';
import { loadFonts } from './raster/fonts.ts';
import { rasterise } from './raster/render.ts';
import { sampleLabel } from './samples.ts';

export interface CliIo {
  out(line: string): void;
  err(line: string): void;
}

const USAGE = `用法 / Usage:
  npm run printer -- test  --printer tcp://HOST:9100 --driver escpos|tspl --label ems100x150|ems76x130|receipt80 [--dpi 203|300] [--gap 2] [--density 8] [--font PATH]...
  npm run printer -- check --printer tcp://HOST:9100 --driver escpos|tspl
  npm run printer -- preview --label KIND --out FILE.png [--dpi 203|300]
printer: tcp://HOST:9100 | device:/dev/usb/lp0 | serial:/dev/ttyS0 | os:打印机名称`;

export const EXIT = {
  ok: 0,
  other: 1,
  usage: 2,
  unreachable: 3,
  printerProblem: 4,
  font: 5,
} as const;

function exitCodeFor(error: WaypostError): number {
  if (
    [
      'PRINTER_UNREACHABLE',
      'PRINTER_CONNECTION_LOST',
      'PRINTER_NO_ACK',
      'PRINTER_SPOOL_FAILED',
    ].includes(error.code)
  ) {
    return EXIT.unreachable;
  }
  if (error.code === 'PRINTER_PAPER_OUT' || error.code === 'PRINTER_FAULT')
    return EXIT.printerProblem;
  if (error.code === 'PRINTER_FONT_MISSING') return EXIT.font;
  if (error.code.startsWith('PRINTER_') && error.field !== undefined) return EXIT.usage;
  return EXIT.other;
}

function report(io: CliIo, error: WaypostError): number {
  io.err(`错误：${errorText(error, 'zh')}`);
  io.err(`Error: ${errorText(error, 'en')}`);
  return exitCodeFor(error);
}

function isLabelKind(value: string): value is LabelKind {
  return (LABEL_KINDS as readonly string[]).includes(value);
}

export async function main(argv: readonly string[], io: CliIo): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      allowPositionals: true,
      options: {
        printer: { type: 'string' },
        driver: { type: 'string' },
        label: { type: 'string' },
        dpi: { type: 'string', default: '203' },
        gap: { type: 'string' },
        density: { type: 'string' },
        font: { type: 'string', multiple: true },
        out: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (error) {
    io.err(error instanceof Error ? error.message : String(error));
    io.err(USAGE);
    return EXIT.usage;
  }
  const { values, positionals } = parsed;
  const command = positionals[0];
  if (
    values.help === true ||
    command === undefined ||
    !['test', 'check', 'preview'].includes(command)
  ) {
    (values.help === true ? io.out : io.err)(USAGE);
    return values.help === true ? EXIT.ok : EXIT.usage;
  }
  const dpi = Number(values.dpi);
  const fonts = loadFonts(values.font);

  if (command === 'preview') {
    const kind = values.label ?? '';
    if (!isLabelKind(kind) || values.out === undefined) {
      io.err(USAGE);
      return EXIT.usage;
    }
    if (!fonts.ok) return report(io, fonts.error);
    const layout = layoutLabel(sampleLabel(kind));
    if (!layout.ok) return report(io, layout.error);
    const bitmap = rasterise(layout.value, { dpi, fonts: fonts.value });
    if (!bitmap.ok) return report(io, bitmap.error);
    writeFileSync(values.out, bitmapToPng(bitmap.value));
    io.out(
      `已生成预览 ${values.out}（${bitmap.value.widthDots}×${bitmap.value.heightDots} 点，${dpi} dpi）`,
    );
    return EXIT.ok;
  }

  const driverName = values.driver;
  if (values.printer === undefined || (driverName !== 'escpos' && driverName !== 'tspl')) {
    io.err(
      '请指定 --printer 和 --driver escpos|tspl / --printer and --driver escpos|tspl are required',
    );
    io.err(USAGE);
    return EXIT.usage;
  }
  const kind = values.label ?? 'receipt80';
  if (!isLabelKind(kind)) {
    io.err(`未知标签类型 / unknown label: ${kind}`);
    io.err(USAGE);
    return EXIT.usage;
  }
  const config = validatePrinterConfig({
    id: 'cli',
    name: '安装测试',
    uri: values.printer,
    driver: driverName,
    dpi,
    widthMm: paperWidthFor(kind) + (kind.startsWith('ems') ? 4 : 0),
    labelKinds: [kind],
    ...(values.gap === undefined ? {} : { gapMm: Number(values.gap) }),
    ...(values.density === undefined ? {} : { density: Number(values.density) }),
  } satisfies PrinterConfig);
  if (!config.ok) return report(io, config.error);
  const address = parsePrinterUri(config.value.uri);
  const driver = rasterDriverFor(config.value);
  if (!address.ok) return report(io, address.error);
  if (driver === null) return EXIT.usage;

  if (command === 'check') {
    if (address.value.scheme !== 'tcp') {
      io.out('仅网络打印机（tcp://）可查询状态 / status is only queried over tcp://');
      return EXIT.ok;
    }
    const probe = await probeTcp(address.value, driver, DEFAULT_TIMEOUTS);
    if (!probe.ok) return report(io, probe.error);
    probe.value.socket.destroy();
    const status = probe.value.status;
    io.out(
      status === null
        ? '打印机已连接，但不回复状态查询（纸张状态未知） / reachable, no status reply'
        : `打印机已连接，纸张：${status.paper}${status.faults.length > 0 ? `，故障：${status.faults.join(', ')}` : ''} / reachable, paper ${status.paper}`,
    );
    if (status?.paper === 'out') return EXIT.printerProblem;
    return status !== null && status.faults.length > 0 ? EXIT.printerProblem : EXIT.ok;
  }

  if (!fonts.ok) return report(io, fonts.error);
  const layout = layoutLabel(sampleLabel(kind));
  if (!layout.ok) return report(io, layout.error);
  const bytes = encodeLabel(layout.value, config.value, driver, fonts.value);
  if (!bytes.ok) return report(io, bytes.error);
  const link = await openLink(address.value, driver, { timeouts: DEFAULT_TIMEOUTS });
  if (!link.ok) return report(io, link.error);
  try {
    const sent = await link.value.send(bytes.value);
    if (!sent.ok) {
      if (sent.inDoubt)
        io.err('标签可能已部分发出，请查看打印机 / the label may have been partly sent');
      return report(io, sent.error);
    }
    io.out(
      `已打印测试标签 ${kind}（${bytes.value.length} 字节，确认方式 ${sent.value.confirmation}，纸张 ${sent.value.paper}）`,
    );
    io.out(
      `Printed test label ${kind} (${bytes.value.length} bytes, ${sent.value.confirmation}, paper ${sent.value.paper})`,
    );
    return EXIT.ok;
  } finally {
    link.value.close();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  main(process.argv.slice(2), {
    out: (line) => console.log(line),
    err: (line) => console.error(line),
  }).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      console.error(error);
      process.exitCode = EXIT.other;
    },
  );
}
