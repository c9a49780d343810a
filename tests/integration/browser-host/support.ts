// Helpers for browser-host integration tests: a real host on loopback and raw HTTP
// requests whose headers (Host, Origin) we control exactly.
import { request as httpRequest } from 'node:http';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runBrowserHost, type RunningBrowserHost } from '../../../electron/browser-host/run.ts';

export interface RawResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
  json(): unknown;
}

export function rawRequest(
  port: number,
  options: {
    method?: string;
    path?: string;
    headers?: Record<string, string>;
    body?: string | Buffer;
  },
): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      {
        host: '127.0.0.1',
        port,
        method: options.method ?? 'GET',
        path: options.path ?? '/',
        headers: { host: `127.0.0.1:${port}`, ...options.headers },
        setHost: false,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const body = Buffer.concat(chunks).toString('utf8');
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            body,
            json: () => JSON.parse(body),
          });
        });
      },
    );
    req.on('error', reject);
    req.end(options.body);
  });
}

export async function startTestHost(
  options: { sessionSecret?: string; rendererHtml?: string } = {},
): Promise<{
  host: RunningBrowserHost;
  root: string;
  rendererDir: string;
  stop: () => Promise<void>;
}> {
  const root = await mkdtemp(join(tmpdir(), 'waypost-bh-'));
  const rendererDir = join(root, 'renderer');
  await mkdir(join(rendererDir, 'assets'), { recursive: true });
  await writeFile(
    join(rendererDir, 'index.html'),
    options.rendererHtml ?? '<!doctype html><title>Waypost</title>',
  );
  const host = await runBrowserHost({
    dataDir: join(root, 'data'),
    rendererDir,
    port: 0,
    serverUrl: 'http://127.0.0.1:8787',
    ...(options.sessionSecret ? { sessionSecret: options.sessionSecret } : {}),
  });
  return {
    host,
    root,
    rendererDir,
    stop: async () => {
      await host.close();
      await rm(root, { recursive: true, force: true });
    },
  };
}
