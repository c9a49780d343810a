// A TCP label printer on loopback for the batch benchmark: reads everything sent to it and
// answers the real-time status queries of ESC/POS (DLE EOT 4) and TSPL (<ESC>!?) with
// "paper present, no fault", so the print service gets its per-label acknowledgement.
// It has no print head: it is as fast as the software in front of it (see PERFORMANCE.md
// for the mechanical bound of a real printer).
import { createServer, type Server, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';

const ESCPOS_QUERY = [0x10, 0x04, 0x04];
const TSPL_QUERY = [0x1b, 0x21, 0x3f];
const ESCPOS_PAPER_OK = 0x12;
const TSPL_READY = 0x00;

export interface VirtualPrinter {
  readonly port: number;
  readonly uri: string;
  /** Bytes and status answers so far. */
  stats(): { bytes: number; queries: number; connections: number };
  close(): Promise<void>;
}

function endsWith(tail: number[], query: number[]): boolean {
  if (tail.length < query.length) return false;
  return query.every((byte, i) => tail[tail.length - query.length + i] === byte);
}

export async function startVirtualPrinter(): Promise<VirtualPrinter> {
  let bytes = 0;
  let queries = 0;
  let connections = 0;
  const sockets = new Set<Socket>();
  const server: Server = createServer((socket) => {
    connections += 1;
    sockets.add(socket);
    socket.setNoDelay(true);
    let tail: number[] = [];
    socket.on('data', (chunk: Buffer) => {
      bytes += chunk.length;
      // A status query arrives last, when the client waits for the answer: check the tail.
      tail = [...tail, ...chunk.subarray(Math.max(0, chunk.length - 3))].slice(-3);
      if (endsWith(tail, ESCPOS_QUERY)) {
        queries += 1;
        socket.write(Uint8Array.of(ESCPOS_PAPER_OK));
        tail = [];
      } else if (endsWith(tail, TSPL_QUERY)) {
        queries += 1;
        socket.write(Uint8Array.of(TSPL_READY));
        tail = [];
      }
    });
    socket.on('error', () => undefined);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    port,
    uri: `tcp://127.0.0.1:${port}`,
    stats: () => ({ bytes, queries, connections }),
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
