import { describe, expect, it } from 'vitest';
import { isAppUrl } from '../../../electron/security/appOrigin.ts';
import {
  registerIpcHandlers,
  type IpcListener,
  type IpcSenderEvent,
} from '../../../electron/security/ipc.ts';
import { HOST_CHANNELS, type HostHandlers } from '../../../shared/host/contract.ts';
import { ok, type Result } from '../../../shared/result.ts';
import { invalidRequestFor, SAMPLE_REQUESTS } from './samples.ts';

function recordingHandlers(calls: string[]): HostHandlers {
  // The wrapper is under test here, not the handlers: each just records that it ran.
  const entries = HOST_CHANNELS.map((channel) => [
    channel,
    async () => {
      calls.push(channel);
      return ok(undefined);
    },
  ]);
  return Object.fromEntries(entries) as unknown as HostHandlers;
}

function register(calls: string[]): Map<string, IpcListener> {
  const registered = new Map<string, IpcListener>();
  registerIpcHandlers(
    { handle: (channel, listener) => void registered.set(channel, listener) },
    recordingHandlers(calls),
    isAppUrl,
  );
  return registered;
}

const topFrame = (url: string): IpcSenderEvent => ({ senderFrame: { url, parent: null } });
const UNTRUSTED: [string, IpcSenderEvent][] = [
  ['foreign page', topFrame('https://evil.example/')],
  ['file page', topFrame('file:///tmp/x.html')],
  ['browser-host origin', topFrame('http://127.0.0.1:5180/')],
  ['look-alike host', topFrame('app://waypost.evil/index.html')],
  ['iframe of the app', { senderFrame: { url: 'app://waypost/index.html', parent: {} } }],
  ['destroyed frame', { senderFrame: null }],
];

describe('IPC registration and sender checks', () => {
  it('registers every contract channel exactly once', () => {
    const registered = register([]);
    expect([...registered.keys()].sort()).toEqual([...HOST_CHANNELS].sort());
  });

  for (const channel of HOST_CHANNELS) {
    it(`${channel}: refuses untrusted senders, validates, then calls the handler`, async () => {
      const calls: string[] = [];
      const listener = register(calls).get(channel);
      expect(listener).toBeDefined();
      if (!listener) return;
      for (const [why, event] of UNTRUSTED) {
        const result: Result<unknown> = await listener(event, SAMPLE_REQUESTS[channel]);
        expect(result.ok, why).toBe(false);
        if (!result.ok) expect(result.error.code, why).toBe('HOST_FORBIDDEN');
      }
      expect(calls).toEqual([]);

      const trusted = topFrame('app://waypost/index.html');
      const bad = await listener(trusted, invalidRequestFor(channel));
      expect(bad.ok || bad.error.code).toBe('HOST_BAD_REQUEST');
      expect(calls).toEqual([]);

      expect(await listener(trusted, SAMPLE_REQUESTS[channel])).toEqual({
        ok: true,
        value: undefined,
      });
      expect(calls).toEqual([channel]);
    });
  }

  it('turns a throwing handler into HOST_INTERNAL data and reports it', async () => {
    const reported: string[] = [];
    const registered = new Map<string, IpcListener>();
    const handlers = {
      ...recordingHandlers([]),
      'app.info': async () => {
        throw new Error('boom');
      },
    };
    registerIpcHandlers(
      { handle: (c, l) => void registered.set(c, l) },
      handlers,
      isAppUrl,
      (channel) => reported.push(channel),
    );
    const result = await registered.get('app.info')?.(topFrame('app://waypost/'), undefined);
    expect(result).toMatchObject({ ok: false, error: { code: 'HOST_INTERNAL' } });
    expect(reported).toEqual(['app.info']);
  });
});
