// A real HTTP fault proxy in front of the sync server. It drops requests (before or after
// the server saw them), duplicates pushes and pulls, delays and so reorders requests, cuts
// event streams, and can kill the server between its database commit and its reply: the push
// is forwarded, the server's response headers arrive (the transaction has committed), then
// the server is SIGKILLed and the client never hears back.
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface FaultRates {
  /** Close the client's connection without forwarding. */
  dropBefore: number;
  /** Forward, then close the client's connection without relaying the answer. */
  dropAfter: number;
  /** Forward a push or pull twice (a replay); relay one answer. */
  duplicate: number;
  /** Hold the request for up to maxDelayMs before forwarding (reorders requests). */
  delay: number;
  maxDelayMs: number;
  /** Cut an event stream after a random time up to this (ms). */
  maxStreamMs: number;
}

export const NO_FAULTS: FaultRates = {
  dropBefore: 0,
  dropAfter: 0,
  duplicate: 0,
  delay: 0,
  maxDelayMs: 0,
  maxStreamMs: 0,
};

export interface ProxyStats {
  requests: number;
  droppedBefore: number;
  droppedAfter: number;
  duplicated: number;
  delayed: number;
  streamsCut: number;
  killsAfterCommit: number;
  upstreamDown: number;
}

export interface FaultProxy {
  readonly url: string;
  readonly stats: ProxyStats;
  setFaults(rates: FaultRates): void;
  /** The next push that commits kills the server before the answer is relayed. */
  armKillAfterCommit(kill: () => void): void;
  close(): Promise<void>;
}

export async function startFaultProxy(options: {
  target: () => { host: string; port: number };
  random: () => number;
}): Promise<FaultProxy> {
  let rates: FaultRates = NO_FAULTS;
  let killNext: (() => void) | null = null;
  const stats: ProxyStats = {
    requests: 0,
    droppedBefore: 0,
    droppedAfter: 0,
    duplicated: 0,
    delayed: 0,
    streamsCut: 0,
    killsAfterCommit: 0,
    upstreamDown: 0,
  };
  const chance = (p: number) => p > 0 && options.random() < p;
  const sockets = new Set<import('node:net').Socket>();

  function forward(
    req: http.IncomingMessage,
    body: Buffer,
    onResponse: (upstream: http.IncomingMessage) => void,
    onError: () => void,
  ): http.ClientRequest {
    const { host, port } = options.target();
    const upstream = http.request(
      {
        host,
        port,
        method: req.method,
        path: req.url,
        headers: { ...req.headers, host: `${host}:${port}` },
      },
      onResponse,
    );
    upstream.on('error', onError);
    upstream.end(body);
    return upstream;
  }

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      void handle(req, res, Buffer.concat(chunks));
    });
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });

  async function handle(req: http.IncomingMessage, res: http.ServerResponse, body: Buffer) {
    stats.requests += 1;
    const path = req.url ?? '';
    // Auth is never tampered with: a replayed refresh would (rightly) revoke the session.
    const tamper = path.startsWith('/api/v1/sync/') || path.startsWith('/api/v1/media/');
    const isStream = path.includes('/stream');
    const isPush = req.method === 'POST' && path.endsWith('/push');
    const fail = () => {
      stats.upstreamDown += 1;
      res.destroy();
    };
    if (tamper && chance(rates.dropBefore)) {
      stats.droppedBefore += 1;
      res.destroy();
      return;
    }
    if (tamper && chance(rates.delay)) {
      stats.delayed += 1;
      await new Promise((r) => setTimeout(r, options.random() * rates.maxDelayMs));
    }
    if (isStream) {
      const upstream = forward(
        req,
        body,
        (answer) => {
          res.writeHead(answer.statusCode ?? 502, answer.headers);
          answer.pipe(res);
          if (rates.maxStreamMs > 0) {
            setTimeout(() => {
              stats.streamsCut += 1;
              upstream.destroy();
              res.destroy();
            }, options.random() * rates.maxStreamMs);
          }
        },
        fail,
      );
      res.on('close', () => upstream.destroy());
      return;
    }
    if (tamper && !isStream && chance(rates.duplicate)) {
      stats.duplicated += 1;
      forward(
        req,
        body,
        (answer) => answer.resume(),
        () => undefined,
      );
    }
    const kill = isPush ? killNext : null;
    if (kill) killNext = null;
    const dropAfter = tamper && chance(rates.dropAfter);
    forward(
      req,
      body,
      (answer) => {
        if (kill) {
          // Headers arrived: the push transaction committed. Kill before relaying.
          stats.killsAfterCommit += 1;
          kill();
          res.destroy();
          answer.destroy();
          return;
        }
        if (dropAfter) {
          stats.droppedAfter += 1;
          answer.resume();
          res.destroy();
          return;
        }
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
      () => {
        if (kill) killNext = kill; // the server was down: try the next push
        fail();
      },
    );
  }

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    stats,
    setFaults(next) {
      rates = next;
    },
    armKillAfterCommit(kill) {
      killNext = kill;
    },
    async close() {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
