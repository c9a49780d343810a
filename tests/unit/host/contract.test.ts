import { describe, expect, it } from 'vitest';
import { createHostApi } from '../../../shared/host/api.ts';
import {
  HOST_CHANNELS,
  hostContract,
  isHostChannel,
  type HostChannel,
} from '../../../shared/host/contract.ts';
import { ok } from '../../../shared/result.ts';

/** `{ print: { label: fn } }` → ['print.label'] */
export function flattenApi(api: object): string[] {
  return Object.entries(api).flatMap(([namespace, group]) =>
    Object.keys(group as object).map((method) => `${namespace}.${method}`),
  );
}

describe('host contract', () => {
  it('lists every capability the issue asks for', () => {
    for (const channel of [
      'printers.list',
      'printers.save',
      'printers.remove',
      'printers.check',
      'print.label',
      'print.reprint',
      'print.void',
      'print.startBatch',
      'print.resumeBatch',
      'print.batchProgress',
      'print.ledger',
      'print.preview',
      'print.osDialog',
      'print.savePdf',
      'keys.databaseKey',
      'keys.blindIndexKey',
      'device.identity',
      'device.setEnrolment',
      'settings.get',
      'settings.set',
      'app.info',
      'log.write',
      'idCard.status',
      'idCard.read',
      'backup.save',
      'backup.list',
      'backup.read',
      'update.check',
      'update.state',
    ]) {
      expect(isHostChannel(channel), channel).toBe(true);
    }
  });

  it('gives every channel a request schema', () => {
    for (const channel of HOST_CHANNELS) {
      expect(hostContract[channel].request, channel).toBeTypeOf('object');
    }
    expect(HOST_CHANNELS.length).toBe(Object.keys(hostContract).length);
  });

  it('does not treat inherited names as channels', () => {
    expect(isHostChannel('toString')).toBe(false);
    expect(isHostChannel('__proto__')).toBe(false);
    expect(isHostChannel('constructor')).toBe(false);
  });

  it('builds an API with exactly one function per channel, each sending its own channel', async () => {
    const sent: string[] = [];
    const api = createHostApi(async (channel: HostChannel) => {
      sent.push(channel);
      return ok(undefined as never);
    });
    const names = flattenApi(api);
    expect(names.sort()).toEqual([...HOST_CHANNELS].sort());
    for (const name of names) {
      const [namespace, method] = name.split('.') as [string, string];
      const fn = (
        api as unknown as Record<string, Record<string, (r?: unknown) => Promise<unknown>>>
      )[namespace]?.[method];
      await fn?.({});
    }
    expect(sent).toEqual(names);
  });
});
