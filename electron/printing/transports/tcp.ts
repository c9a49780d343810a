// Raw TCP (port 9100) to a printer. Thin on purpose: connect with a timeout,
// write with the kernel's callback, ask a real-time status question and wait for
// the answer, or end the stream and wait for the printer to close its side.
import net from 'node:net';
import { fail, ok, type Result } from '../../../shared/result.ts';
import { printerErrors } from '../errors.ts';

export class TcpPrinterSocket {
  private received: Buffer[] = [];
  private onData: (() => void) | null = null;
  private failure: Error | null = null;
  private isClosed = false;
  private closeWaiters: Array<(hadError: boolean) => void> = [];

  private constructor(
    private readonly socket: net.Socket,
    readonly address: string,
  ) {
    socket.setNoDelay(true);
    socket.on('data', (chunk: Buffer) => {
      this.received.push(chunk);
      this.onData?.();
    });
    socket.on('error', (error) => {
      this.failure = error;
      this.onData?.();
    });
    socket.on('close', (hadError) => {
      this.isClosed = true;
      this.onData?.();
      for (const waiter of this.closeWaiters.splice(0)) waiter(hadError || this.failure !== null);
    });
  }

  static connect(host: string, port: number, timeoutMs: number): Promise<Result<TcpPrinterSocket>> {
    const address = `${host}:${port}`;
    return new Promise((resolve) => {
      const socket = net.connect({ host, port });
      const timer = setTimeout(() => {
        socket.destroy();
        resolve(printerErrors.unreachable(address));
      }, timeoutMs);
      socket.once('connect', () => {
        clearTimeout(timer);
        socket.removeAllListeners('error');
        resolve(ok(new TcpPrinterSocket(socket, address)));
      });
      socket.once('error', () => {
        clearTimeout(timer);
        socket.destroy();
        resolve(printerErrors.unreachable(address));
      });
    });
  }

  get closed(): boolean {
    return this.isClosed || this.failure !== null;
  }

  /** Resolves once the kernel has taken every byte (not proof the printer has them). */
  write(bytes: Uint8Array): Promise<Result<void>> {
    if (this.closed) return Promise.resolve(printerErrors.connectionLost(this.address));
    return new Promise((resolve) => {
      this.socket.write(bytes, (error) =>
        resolve(error ? printerErrors.connectionLost(this.address) : ok(undefined)),
      );
    });
  }

  /**
   * Send a real-time query and wait for the answer. `null` = the printer said
   * nothing within the timeout (many printers never answer); fails if the
   * connection broke.
   */
  async query(bytes: Uint8Array, timeoutMs: number): Promise<Result<Uint8Array | null>> {
    this.received = [];
    const written = await this.write(bytes);
    if (!written.ok) return written;
    return new Promise((resolve) => {
      const settle = (result: Result<Uint8Array | null>) => {
        clearTimeout(timer);
        this.onData = null;
        resolve(result);
      };
      const check = () => {
        if (this.received.length > 0)
          settle(ok(new Uint8Array(Buffer.concat(this.received.splice(0)))));
        else if (this.closed) settle(printerErrors.connectionLost(this.address));
      };
      const timer = setTimeout(() => settle(ok(null)), timeoutMs);
      this.onData = check;
      check();
    });
  }

  /**
   * End our side and wait for the printer to close its side. A clean close
   * means the printer read everything up to our end-of-stream.
   */
  finish(timeoutMs: number): Promise<Result<void>> {
    if (this.failure !== null) return Promise.resolve(printerErrors.connectionLost(this.address));
    if (this.isClosed) return Promise.resolve(ok(undefined));
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.socket.destroy();
        resolve(
          fail(
            'PRINTER_NO_ACK',
            '打印机未确认收到标签，请查看是否已打出',
            'The printer did not confirm it received the label',
          ),
        );
      }, timeoutMs);
      this.closeWaiters.push((hadError) => {
        clearTimeout(timer);
        resolve(hadError ? printerErrors.connectionLost(this.address) : ok(undefined));
      });
      this.socket.end();
    });
  }

  destroy(): void {
    this.socket.destroy();
  }
}
