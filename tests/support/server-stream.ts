// A minimal Server-Sent Events reader over fetch for tests: collects `data:` messages and
// comment lines, and waits for the one a test expects.
import {
  API_PREFIX,
  PROTOCOL_HEADER,
  PROTOCOL_VERSION,
  type StreamMessage,
} from '../../shared/sync/protocol.ts';

export interface StreamReader {
  status: number;
  messages: StreamMessage[];
  comments: string[];
  /** Resolves with the first message (already received or arriving) that matches. */
  waitFor(match: (message: StreamMessage) => boolean, timeoutMs?: number): Promise<StreamMessage>;
  waitForComment(match: (comment: string) => boolean, timeoutMs?: number): Promise<string>;
  /** Resolves when the server ends the stream. */
  ended: Promise<void>;
  close(): void;
}

export async function openStream(
  baseUrl: string,
  collection: string,
  auth: { accessToken: string } | { ticket: string },
  query: Record<string, string> = {},
): Promise<StreamReader> {
  const controller = new AbortController();
  const params = new URLSearchParams(query);
  const headers: Record<string, string> = { accept: 'text/event-stream' };
  if ('ticket' in auth) {
    params.set('ticket', auth.ticket);
    params.set('protocol', String(PROTOCOL_VERSION));
  } else {
    headers.authorization = `Bearer ${auth.accessToken}`;
    headers[PROTOCOL_HEADER] = String(PROTOCOL_VERSION);
  }
  const qs = params.toString();
  const response = await fetch(
    `${baseUrl}${API_PREFIX}/sync/${collection}/stream${qs ? `?${qs}` : ''}`,
    {
      headers,
      signal: controller.signal,
    },
  );
  const messages: StreamMessage[] = [];
  const comments: string[] = [];
  const waiters = new Set<() => void>();
  const notify = () => {
    for (const waiter of waiters) waiter();
  };
  let buffer = '';
  const ended = (async () => {
    if (!response.body) return;
    const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
    try {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) return;
        buffer += value;
        let end = buffer.indexOf('\n\n');
        while (end !== -1) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          for (const line of block.split('\n')) {
            if (line.startsWith('data: '))
              messages.push(JSON.parse(line.slice(6)) as StreamMessage);
            else if (line.startsWith(':')) comments.push(line.slice(1).trim());
          }
          end = buffer.indexOf('\n\n');
        }
        notify();
      }
    } catch {
      // aborted by close()
    } finally {
      notify();
    }
  })();
  const waitUntil = <T>(find: () => T | undefined, timeoutMs: number, what: string): Promise<T> =>
    new Promise((resolve, reject) => {
      const check = () => {
        const found = find();
        if (found !== undefined) {
          waiters.delete(check);
          clearTimeout(timer);
          resolve(found);
        }
      };
      const timer = setTimeout(() => {
        waiters.delete(check);
        reject(
          new Error(`timed out waiting for ${what}; got ${JSON.stringify(messages).slice(0, 500)}`),
        );
      }, timeoutMs);
      waiters.add(check);
      check();
    });
  return {
    status: response.status,
    messages,
    comments,
    ended,
    waitFor: (match, timeoutMs = 10_000) =>
      waitUntil(() => messages.find(match), timeoutMs, 'a stream message'),
    waitForComment: (match, timeoutMs = 10_000) =>
      waitUntil(() => comments.find(match), timeoutMs, 'a comment'),
    close: () => controller.abort(),
  };
}

/** Ids of every document received in `change` messages so far. */
export const receivedIds = (reader: StreamReader): string[] =>
  reader.messages.flatMap((m) => (m.kind === 'change' ? m.documents.map((d) => String(d.id)) : []));
