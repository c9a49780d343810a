// The real pieces an intake e2e test runs against: the renderer built by Vite, the central
// server on a fresh PGlite database, the browser host serving the renderer and the host API,
// two virtual TCP printers (ESC/POS receipts/slips, TSPL waybills), and a switchable link
// between the renderer and the server so a test can take the network away and bring it back.
import { createHash, randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import http from 'node:http';
import type { Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { test, type LaunchOptions } from '@playwright/test';
import { build } from 'vite';
import { runBrowserHost, type RunningBrowserHost } from '../../electron/browser-host/run.ts';
import { addStaff, addStation, createEnrolmentCode } from '../../server/admin/commands.ts';
import { unwrap } from '../../shared/result.ts';
import { startTestServer, TEST_SCRYPT_COST, type TestServer } from '../support/server-app.ts';
import { VirtualPrinter } from '../support/virtual-printer.ts';
import { writeCameraFile } from '../fixtures/camera/portrait.ts';
import { chromiumArgs } from './playwright.config.ts';

const root = fileURLToPath(new URL('../..', import.meta.url));
export const RENDERER_DIR = join(root, 'dist/renderer');
export const STATION = {
  code: 'TY001',
  name: '太原市迎泽区警邮合作服务站',
  division: '140106',
} as const;
export const STAFF = {
  clerk: { username: 'clerk1', password: 'clerk-pass-1', name: '李窗口', role: 'clerk' },
  van: { username: 'van1', password: 'van-pass-1', name: '赵车组', role: 'van' },
  supervisor: { username: 'super1', password: 'super-pass-1', name: '钱主管', role: 'supervisor' },
} as const;

let built: Promise<void> | null = null;

/** Builds the renderer once per test process (the hosts serve dist/renderer). */
export function buildRenderer(): Promise<void> {
  built ??= (async () => {
    await build({ configFile: join(root, 'renderer/vite.config.ts'), logLevel: 'warn' });
  })();
  return built;
}

/** Fake camera pictures for Chromium's --use-file-for-fake-video-capture. */
export function cameraFile(kind: 'portrait' | 'rubbing'): string {
  // Not under test-results/: Playwright empties that folder at the start of every run.
  const path = join(root, '.tmp', 'camera', `${kind}.y4m`);
  return existsSync(path) ? path : writeCameraFile(path, kind);
}

/** Chromium whose camera is the fake one showing `kind`, with the permission prompt allowed. */
export function fakeCameraLaunchOptions(kind: 'portrait' | 'rubbing'): LaunchOptions {
  return {
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      ...chromiumArgs,
      '--use-fake-ui-for-media-stream',
      '--use-fake-device-for-media-stream',
      `--use-file-for-fake-video-capture=${cameraFile(kind)}`,
    ],
  };
}

/**
 * The network between the app and the server: an HTTP relay we can cut (connections reset,
 * as when the van loses its signal) and restore. It passes everything through unchanged,
 * CORS included (the server answers the app's origins itself).
 */
export class ServerLink {
  private cut = false;
  private readonly sockets = new Set<Socket>();
  private constructor(
    private readonly server: http.Server,
    readonly url: string,
  ) {}

  static async start(target: string): Promise<ServerLink> {
    const upstream = new URL(target);
    let link: ServerLink | null = null;
    const server = http.createServer((req, res) => link?.relay(req, res, upstream));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const address = server.address();
    if (!address || typeof address === 'string') throw new Error('no port');
    link = new ServerLink(server, `http://127.0.0.1:${address.port}`);
    server.on('connection', (socket) => {
      if (link?.cut) socket.destroy();
      link?.sockets.add(socket);
      socket.on('close', () => link?.sockets.delete(socket));
    });
    return link;
  }

  private relay(req: http.IncomingMessage, res: http.ServerResponse, upstream: URL) {
    const forward = http.request(
      {
        host: upstream.hostname,
        port: upstream.port,
        path: req.url,
        method: req.method,
        headers: { ...req.headers, host: upstream.host },
        agent: false,
      },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    forward.on('error', (error) => {
      if (!this.cut) console.warn(`[e2e] relay ${req.method} ${req.url}: ${error.message}`);
      res.destroy();
    });
    req.pipe(forward);
  }

  /** Takes the network away: open connections reset, new ones refused. */
  disconnect(): void {
    this.cut = true;
    for (const socket of this.sockets) socket.destroy();
  }

  reconnect(): void {
    this.cut = false;
  }

  async close(): Promise<void> {
    this.disconnect();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}

export interface IntakeEnv {
  server: TestServer;
  link: ServerLink;
  host: RunningBrowserHost;
  receiptPrinter: VirtualPrinter;
  labelPrinter: VirtualPrinter;
  /** Opens the app in a tab with the host session (the secret in the URL fragment). */
  appUrl: string;
  newEnrolmentCode(): Promise<string>;
  hostCall<T>(channel: string, request: unknown): Promise<T>;
  close(): Promise<void>;
}

export async function startIntakeEnv(): Promise<IntakeEnv> {
  await buildRenderer();
  const server = await startTestServer({ listen: true });
  if (!server.baseUrl) throw new Error('server not listening');
  unwrap(
    await addStation(server.db, {
      code: STATION.code,
      name: STATION.name,
      division: STATION.division,
      kind: 'window',
    }),
  );
  for (const staff of Object.values(STAFF)) {
    unwrap(await addStaff(server.db, { ...staff, station: STATION.code }, TEST_SCRYPT_COST));
  }
  const link = await ServerLink.start(server.baseUrl);
  const receiptPrinter = await VirtualPrinter.start({ protocol: 'escpos' });
  const labelPrinter = await VirtualPrinter.start({ protocol: 'tspl' });
  const hostDir = await mkdtemp(join(tmpdir(), 'waypost-host-'));
  const secret = randomBytes(24).toString('base64url');
  const host = await runBrowserHost({
    dataDir: hostDir,
    rendererDir: RENDERER_DIR,
    port: 0,
    sessionSecret: secret,
    serverUrl: link.url,
  });
  const hostCall = async <T>(channel: string, request: unknown): Promise<T> => {
    const response = await fetch(`${host.origin}/host/${channel}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-waypost-session': secret },
      body: JSON.stringify({ request }),
    });
    const body = (await response.json()) as {
      ok: boolean;
      value?: T;
      error?: { messageEn: string };
    };
    if (!body.ok) throw new Error(`${channel}: ${body.error?.messageEn}`);
    return body.value as T;
  };
  // An installer's set-up: a receipt printer and a waybill label printer.
  await hostCall('printers.save', {
    id: 'receipt',
    name: '回执打印机',
    uri: receiptPrinter.uri,
    driver: 'escpos',
    dpi: 203,
    widthMm: 80,
    labelKinds: ['receipt80', 'slip80', 'manifest80'],
  });
  await hostCall('printers.save', {
    id: 'label',
    name: '面单打印机',
    uri: labelPrinter.uri,
    driver: 'tspl',
    dpi: 203,
    widthMm: 100,
    labelKinds: ['ems100x150'],
  });
  await hostCall('settings.set', {
    printerAssignments: {
      ems100x150: 'label',
      receipt80: 'receipt',
      slip80: 'receipt',
      manifest80: 'receipt',
    },
  });
  return {
    server,
    link,
    host,
    receiptPrinter,
    labelPrinter,
    appUrl: `${host.origin}/#waypost-session=${secret}`,
    newEnrolmentCode: async () =>
      unwrap(await createEnrolmentCode(server.db, { station: STATION.code })).code,
    hostCall,
    async close() {
      await host.close();
      await link.close();
      await receiptPrinter.close();
      await labelPrinter.close();
      await server.close();
      await rm(hostDir, { recursive: true, force: true });
    },
  };
}

/**
 * One environment per spec file: started before its first test and closed after its last.
 * Call at the top level of a spec; the returned getter is for use inside its tests.
 */
export function useIntakeEnv(): () => IntakeEnv {
  let env: IntakeEnv | undefined;
  test.beforeAll(async () => {
    env = await startIntakeEnv();
  });
  test.afterAll(async () => {
    await env?.close();
  });
  return () => {
    if (!env) throw new Error('the intake environment has not started');
    return env;
  };
}

/** Documents of a collection as the server stores them. */
export async function serverDocuments(
  server: TestServer,
  collection: string,
): Promise<Record<string, unknown>[]> {
  const { rows } = await server.db.query<{ doc: Record<string, unknown> }>(
    'SELECT doc FROM documents WHERE collection = $1 AND NOT deleted',
    [collection],
  );
  return rows.map((r) => r.doc);
}

/** The media bytes the server holds for a hash, checked against that hash (null if absent). */
export async function serverMediaVerified(
  server: TestServer,
  sha256: string,
): Promise<boolean | null> {
  try {
    const bytes = await readFile(
      join(server.dataDir, 'media', sha256.slice(0, 2), sha256.slice(2, 4), sha256),
    );
    return createHash('sha256').update(bytes).digest('hex') === sha256;
  } catch {
    return null;
  }
}

/** Waybill numbers the server has granted in blocks (the device fetches one after login). */
export async function grantedNumbers(server: TestServer): Promise<number> {
  const { rows } = await server.db.query<{ n: string | number | null }>(
    'SELECT sum(count) AS n FROM number_blocks',
  );
  return Number(rows[0]?.n ?? 0);
}
