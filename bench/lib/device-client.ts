// A simulated device in Node for the server benchmarks: enrols with a one-time code, logs in,
// takes a number block, pushes documents, uploads photos and keeps SSE streams open, all over
// real HTTP on loopback with the protocol header (docs/PROTOCOL.md).
import { Agent, request } from 'node:http';
import {
  API_PREFIX,
  PROTOCOL_HEADER,
  PROTOCOL_VERSION,
  type PushResponse,
  type StreamMessage,
} from '../../shared/sync/protocol.ts';
import type { SyncedCollection } from '../../shared/sync/collections.ts';

export const benchAgent = new Agent({ keepAlive: true, maxSockets: 4096, keepAliveMsecs: 10_000 });

export interface HttpAnswer {
  status: number;
  body: Buffer;
  ms: number;
}

export function http(
  origin: string,
  method: string,
  path: string,
  options: { token?: string; json?: unknown; body?: Uint8Array; contentType?: string } = {},
): Promise<HttpAnswer> {
  const payload =
    options.json !== undefined ? Buffer.from(JSON.stringify(options.json)) : options.body;
  const headers: Record<string, string> = { [PROTOCOL_HEADER]: String(PROTOCOL_VERSION) };
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  if (payload) {
    headers['content-type'] =
      options.contentType ??
      (options.json !== undefined ? 'application/json' : 'application/octet-stream');
    headers['content-length'] = String(payload.length);
  }
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const req = request(`${origin}${path}`, { method, headers, agent: benchAgent }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () =>
        resolve({
          status: res.statusCode ?? 0,
          body: Buffer.concat(chunks),
          ms: performance.now() - started,
        }),
      );
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(payload);
  });
}

function parse<T>(answer: HttpAnswer, what: string): T {
  if (answer.status < 200 || answer.status >= 300) {
    throw new Error(`${what}: HTTP ${answer.status} ${answer.body.toString('utf8').slice(0, 300)}`);
  }
  return JSON.parse(answer.body.toString('utf8')) as T;
}

export interface NumberBlock {
  id: string;
  serviceIndicator: string;
  firstSerial: number;
  count: number;
}

export interface Stream {
  close(): void;
}

export class SimulatedDevice {
  accessToken = '';
  refreshToken = '';
  deviceId = '';
  private deviceSecret = '';
  block: NumberBlock | null = null;
  nextNumber = 0;

  constructor(
    readonly origin: string,
    readonly stationId: string,
  ) {}

  async enrol(code: string): Promise<void> {
    const body = parse<{ deviceId: string; deviceSecret: string }>(
      await http(this.origin, 'POST', `${API_PREFIX}/devices/enroll`, { json: { code } }),
      'enrol',
    );
    this.deviceId = body.deviceId;
    this.deviceSecret = body.deviceSecret;
  }

  async login(username: string, password: string): Promise<void> {
    const body = parse<{ accessToken: string; refreshToken: string }>(
      await http(this.origin, 'POST', `${API_PREFIX}/auth/login`, {
        json: { username, password, deviceId: this.deviceId, deviceSecret: this.deviceSecret },
      }),
      'login',
    );
    this.accessToken = body.accessToken;
    this.refreshToken = body.refreshToken;
  }

  async refresh(): Promise<void> {
    const body = parse<{ accessToken: string; refreshToken: string }>(
      await http(this.origin, 'POST', `${API_PREFIX}/auth/refresh`, {
        json: { refreshToken: this.refreshToken },
      }),
      'refresh',
    );
    this.accessToken = body.accessToken;
    this.refreshToken = body.refreshToken;
  }

  async takeBlock(count: number): Promise<NumberBlock> {
    const block = parse<NumberBlock>(
      await http(this.origin, 'POST', `${API_PREFIX}/numbers/blocks`, {
        token: this.accessToken,
        json: { count },
      }),
      'number block',
    );
    this.block = block;
    this.nextNumber = 0;
    return block;
  }

  /** POST /sync/{collection}/push of new documents; the answer and its latency. */
  async push(
    collection: SyncedCollection,
    docs: Record<string, unknown>[],
  ): Promise<{ ms: number; status: number; response: PushResponse | null }> {
    const answer = await http(this.origin, 'POST', `${API_PREFIX}/sync/${collection}/push`, {
      token: this.accessToken,
      json: docs.map((doc) => ({
        assumedMasterState: null,
        newDocumentState: { ...doc, _deleted: false },
      })),
    });
    const response =
      answer.status === 200 ? (JSON.parse(answer.body.toString('utf8')) as PushResponse) : null;
    return { ms: answer.ms, status: answer.status, response };
  }

  async putMedia(sha256: string, bytes: Uint8Array, mime = 'image/jpeg'): Promise<HttpAnswer> {
    return http(this.origin, 'PUT', `${API_PREFIX}/media/${sha256}`, {
      token: this.accessToken,
      body: bytes,
      contentType: mime,
    });
  }

  /** GET /sync/{collection}/stream; calls back with each change message's document ids. */
  openStream(
    collection: SyncedCollection,
    onChange: (ids: string[], at: number) => void,
    onClosed?: () => void,
  ): Promise<Stream> {
    return new Promise((resolve, reject) => {
      const req = request(
        `${this.origin}${API_PREFIX}/sync/${collection}/stream`,
        {
          method: 'GET',
          agent: benchAgent,
          headers: {
            [PROTOCOL_HEADER]: String(PROTOCOL_VERSION),
            authorization: `Bearer ${this.accessToken}`,
            accept: 'text/event-stream',
          },
        },
        (res) => {
          if (res.statusCode !== 200) {
            reject(new Error(`stream: HTTP ${res.statusCode}`));
            res.resume();
            return;
          }
          let buffer = '';
          res.setEncoding('utf8');
          res.on('data', (chunk: string) => {
            const at = performance.now();
            buffer += chunk;
            let end = buffer.indexOf('\n\n');
            while (end >= 0) {
              const event = buffer.slice(0, end);
              buffer = buffer.slice(end + 2);
              end = buffer.indexOf('\n\n');
              const data = event
                .split('\n')
                .filter((line) => line.startsWith('data:'))
                .map((line) => line.slice(5).trimStart())
                .join('\n');
              if (!data) continue;
              const message = JSON.parse(data) as StreamMessage;
              if (message.kind === 'change') {
                onChange(
                  message.documents.map((d) => String(d['id'])),
                  at,
                );
              }
            }
          });
          res.on('close', () => onClosed?.());
          resolve({ close: () => req.destroy() });
        },
      );
      req.on('error', (error) => reject(error));
      req.end();
    });
  }
}
