// Loads the real preload with a fake contextBridge/ipcRenderer (the Electron binary cannot
// run here) and checks what reaches the page: exactly the contract's functions.
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { HOST_CHANNELS } from '../../../shared/host/contract.ts';
import { SAMPLE_REQUESTS } from './samples.ts';

const exposed = new Map<string, unknown>();
const invoked: [string, unknown][] = [];

vi.mock('electron', () => ({
  contextBridge: {
    exposeInMainWorld: (key: string, api: unknown) => exposed.set(key, api),
  },
  ipcRenderer: {
    invoke: async (channel: string, request: unknown) => {
      invoked.push([channel, request]);
      return { ok: true, value: channel };
    },
  },
}));

beforeAll(async () => {
  await import('../../../electron/preload.ts');
});

type Api = Record<string, Record<string, (request?: unknown) => Promise<unknown>>>;

describe('preload', () => {
  it('exposes one object, window.waypost, and nothing else', () => {
    expect([...exposed.keys()]).toEqual(['waypost']);
  });

  it('exposes exactly one function per contract channel', () => {
    const api = exposed.get('waypost') as Api;
    const names = Object.entries(api).flatMap(([ns, group]) => {
      for (const fn of Object.values(group)) expect(typeof fn).toBe('function');
      return Object.keys(group).map((method) => `${ns}.${method}`);
    });
    expect(names.sort()).toEqual([...HOST_CHANNELS].sort());
  });

  it('exposes no ipcRenderer, no generic invoke/send/on', () => {
    const api = exposed.get('waypost') as Api;
    const keys = [...Object.keys(api), ...Object.values(api).flatMap((g) => Object.keys(g))];
    for (const forbidden of [
      'ipcRenderer',
      'invoke',
      'send',
      'sendSync',
      'on',
      'once',
      'postMessage',
    ]) {
      expect(keys, forbidden).not.toContain(forbidden);
    }
  });

  it('each function invokes its own channel with the request unchanged', async () => {
    const api = exposed.get('waypost') as Api;
    invoked.length = 0;
    for (const channel of HOST_CHANNELS) {
      const [ns, method] = channel.split('.') as [string, string];
      const result = await api[ns]?.[method]?.(SAMPLE_REQUESTS[channel]);
      expect(result).toEqual({ ok: true, value: channel });
    }
    expect(invoked).toEqual(HOST_CHANNELS.map((channel) => [channel, SAMPLE_REQUESTS[channel]]));
  });
});
