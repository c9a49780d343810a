// Device files, serial ports and OS printer queues, through node-thermal-printer's
// interfaces (its File interface for device paths, its `printer:` interface with
// an OS printer driver module). Where no driver module is given, a CUPS raw
// queue (`lp -o raw`) serves on Linux and macOS.
import { spawn } from 'node:child_process';
import { constants } from 'node:fs';
import { access } from 'node:fs/promises';
import { PrinterTypes, ThermalPrinter } from 'node-thermal-printer';
import { fail, ok, type Result } from '../../../shared/result.ts';
import { printerErrors } from '../errors.ts';

/** The driver object node-thermal-printer's `printer:` interface expects (e.g. @thiagoelg/node-printer). */
export type OsPrinterDriver = object;

async function viaThermalPrinter(
  iface: string,
  bytes: Uint8Array,
  driver?: OsPrinterDriver,
): Promise<Result<void>> {
  try {
    const printer = new ThermalPrinter({
      type: PrinterTypes.EPSON,
      interface: iface,
      ...(driver === undefined ? {} : { driver }),
    });
    printer.setBuffer(Buffer.from(bytes));
    await printer.execute();
    return ok(undefined);
  } catch (error) {
    return printerErrors.spoolFailed(error instanceof Error ? error.message : String(error));
  }
}

export async function deviceReachable(path: string): Promise<boolean> {
  try {
    await access(path, constants.W_OK);
    return true;
  } catch {
    return false;
  }
}

export async function writeDevice(path: string, bytes: Uint8Array): Promise<Result<void>> {
  if (!(await deviceReachable(path))) return printerErrors.unreachable(path);
  return viaThermalPrinter(path, bytes);
}

function run(
  command: string,
  args: string[],
  input?: Uint8Array,
): Promise<{ code: number; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(command, args, { stdio: ['pipe', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', (error) => resolve({ code: -1, stderr: error.message }));
    child.on('close', (code) => resolve({ code: code ?? -1, stderr }));
    child.stdin.end(input === undefined ? undefined : Buffer.from(input));
  });
}

export async function osPrinterReachable(name: string, driver?: OsPrinterDriver): Promise<boolean> {
  if (driver !== undefined) {
    try {
      const printer = new ThermalPrinter({
        type: PrinterTypes.EPSON,
        interface: `printer:${name}`,
        driver,
      });
      return await printer.isPrinterConnected();
    } catch {
      return false;
    }
  }
  if (process.platform === 'win32') return false;
  return (await run('lpstat', ['-p', name])).code === 0;
}

export async function writeOsPrinter(
  name: string,
  bytes: Uint8Array,
  driver?: OsPrinterDriver,
): Promise<Result<void>> {
  if (driver !== undefined) return viaThermalPrinter(`printer:${name}`, bytes, driver);
  if (process.platform === 'win32') {
    return fail(
      'PRINTER_OS_DRIVER_MISSING',
      '本机未安装系统打印驱动组件，请改用网络地址（tcp://）连接打印机。',
      'No OS printer driver module on this machine; use a tcp:// address.',
    );
  }
  const result = await run('lp', ['-d', name, '-o', 'raw'], bytes);
  return result.code === 0
    ? ok(undefined)
    : printerErrors.spoolFailed(result.stderr.trim() || `lp exit ${result.code}`);
}
