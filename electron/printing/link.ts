// A link sends whole labels to one printer and says how sure it is that the
// printer got them (see PrintConfirmation):
// - TCP, printer answers status queries: one connection for many labels; after
//   each label's bytes we ask the real-time status question on the same
//   connection. TCP delivers in order, so the answer proves the printer read
//   every byte of the label ('acknowledged') and tells us about the paper.
// - TCP, printer never answers: one connection per label; we end the stream and
//   wait for the printer to close its side ('closed').
// - Device file / OS queue: 'spooled' once the write or the spooler succeeds.
// A failure after the first byte left is "in doubt": the label may have printed.
import type { PaperState, PrintConfirmation, PrinterFault } from '../../shared/printing/types.ts';
import type { PrinterAddress } from '../../shared/printing/uri.ts';
import { ok, type Result, type WaypostError } from '../../shared/result.ts';
import type { RasterDriver, StatusReport } from './drivers/index.ts';
import { printerErrors } from './errors.ts';
import { TcpPrinterSocket } from './transports/tcp.ts';
import {
  deviceReachable,
  osPrinterReachable,
  writeDevice,
  writeOsPrinter,
  type OsPrinterDriver,
} from './transports/spool.ts';

export interface LinkTimeouts {
  readonly connectMs: number;
  /** How long to wait for an answer to a status query before calling the printer silent. */
  readonly statusMs: number;
  /** How long to wait for the acknowledgement of a whole label (it may be printing). */
  readonly ackMs: number;
}

export const DEFAULT_TIMEOUTS: LinkTimeouts = { connectMs: 3000, statusMs: 1500, ackMs: 20000 };

export interface Delivered {
  readonly confirmation: PrintConfirmation;
  readonly paper: PaperState;
  readonly faults: readonly PrinterFault[];
}

export type SendResult =
  | { readonly ok: true; readonly value: Delivered }
  | { readonly ok: false; readonly error: WaypostError; readonly inDoubt: boolean };

export interface PrinterLink {
  /** Status learnt when the link opened (where the printer reports it). */
  readonly status: StatusReport | null;
  send(bytes: Uint8Array): Promise<SendResult>;
  close(): void;
}

export interface LinkOptions {
  readonly timeouts: LinkTimeouts;
  readonly osPrinterDriver?: OsPrinterDriver;
}

const definite = (error: WaypostError): SendResult => ({ ok: false, error, inDoubt: false });
const doubtful = (error: WaypostError): SendResult => ({ ok: false, error, inDoubt: true });

/** Refuse to print into a printer that reports no paper or a fault. */
function statusProblem(status: StatusReport | null): Result<void> {
  if (status === null) return ok(undefined);
  if (status.paper === 'out') return printerErrors.paperOut();
  if (status.faults.length > 0) return printerErrors.fault(status.faults);
  return ok(undefined);
}

/** Connect and ask for status once (printer check, and the start of every TCP link). */
export async function probeTcp(
  address: { host: string; port: number },
  driver: RasterDriver | null,
  timeouts: LinkTimeouts,
): Promise<Result<{ socket: TcpPrinterSocket; status: StatusReport | null; answered: boolean }>> {
  const connected = await TcpPrinterSocket.connect(address.host, address.port, timeouts.connectMs);
  if (!connected.ok) return connected;
  const socket = connected.value;
  if (driver === null) return ok({ socket, status: null, answered: false });
  const reply = await socket.query(driver.statusQuery, timeouts.statusMs);
  if (!reply.ok) {
    socket.destroy();
    return reply;
  }
  const status = reply.value === null ? null : driver.parseStatus(reply.value);
  return ok({ socket, status, answered: reply.value !== null });
}

export async function openLink(
  address: PrinterAddress,
  driver: RasterDriver,
  options: LinkOptions,
): Promise<Result<PrinterLink>> {
  switch (address.scheme) {
    case 'tcp':
      return openTcpLink(address, driver, options.timeouts);
    case 'device':
    case 'serial': {
      if (!(await deviceReachable(address.path))) return printerErrors.unreachable(address.path);
      return ok(spoolLink((bytes) => writeDevice(address.path, bytes)));
    }
    case 'os': {
      if (!(await osPrinterReachable(address.name, options.osPrinterDriver)))
        return printerErrors.unreachable(address.name);
      return ok(spoolLink((bytes) => writeOsPrinter(address.name, bytes, options.osPrinterDriver)));
    }
  }
}

function spoolLink(write: (bytes: Uint8Array) => Promise<Result<void>>): PrinterLink {
  return {
    status: null,
    async send(bytes) {
      const written = await write(bytes);
      return written.ok
        ? { ok: true, value: { confirmation: 'spooled', paper: 'unknown', faults: [] } }
        : doubtful(written.error);
    },
    close() {},
  };
}

async function openTcpLink(
  address: { host: string; port: number },
  driver: RasterDriver,
  timeouts: LinkTimeouts,
): Promise<Result<PrinterLink>> {
  const probe = await probeTcp(address, driver, timeouts);
  if (!probe.ok) return probe;
  const { status, answered } = probe.value;
  const problem = statusProblem(status);
  if (!problem.ok) {
    probe.value.socket.destroy();
    return problem;
  }
  if (answered) {
    const socket = probe.value.socket;
    return ok({
      status,
      async send(bytes) {
        if (socket.closed) return definite(printerErrors.connectionLost(socket.address).error);
        const written = await socket.write(bytes);
        if (!written.ok) return doubtful(written.error);
        const reply = await socket.query(driver.statusQuery, timeouts.ackMs);
        if (!reply.ok) return doubtful(reply.error);
        if (reply.value === null) {
          return doubtful({
            code: 'PRINTER_NO_ACK',
            message: '打印机未确认收到标签，请查看是否已打出',
            messageEn: 'The printer did not confirm it received the label',
          });
        }
        const report = driver.parseStatus(reply.value);
        // The printer has every byte; if it now reports no paper the label may
        // be stuck in its buffer or half printed: in doubt.
        const after = statusProblem(report);
        if (!after.ok) return doubtful(after.error);
        return {
          ok: true,
          value: {
            confirmation: 'acknowledged',
            paper: report?.paper ?? 'unknown',
            faults: report?.faults ?? [],
          },
        };
      },
      close() {
        socket.destroy();
      },
    });
  }
  // A printer that never answers: one connection per label, confirmed by close.
  probe.value.socket.destroy();
  return ok({
    status: null,
    async send(bytes) {
      const connected = await TcpPrinterSocket.connect(
        address.host,
        address.port,
        timeouts.connectMs,
      );
      if (!connected.ok) return definite(connected.error);
      const socket = connected.value;
      const written = await socket.write(bytes);
      if (!written.ok) {
        socket.destroy();
        return doubtful(written.error);
      }
      const finished = await socket.finish(timeouts.ackMs);
      if (!finished.ok) return doubtful(finished.error);
      return { ok: true, value: { confirmation: 'closed', paper: 'unknown', faults: [] } };
    },
    close() {},
  });
}
