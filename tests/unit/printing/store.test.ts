// The persisted-store helper behind printers.json, layouts/ and batches/: real files
// in a temp dir.
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  hasFields,
  jsonDocument,
  keyFileName,
  keyedJsonStore,
  readTextIfExists,
} from '../../../electron/printing/store.ts';
import { PrinterRegistry } from '../../../electron/printing/printers.ts';

interface Note {
  readonly id: string;
  readonly n: number;
}
const isNote = hasFields<Note>({ id: 'string', n: 'number' });

function tempDir(): string {
  return mkdtempSync(path.join(tmpdir(), 'waypost-store-'));
}

describe('printing store', () => {
  it('a missing file reads as undefined; a written one reads back', async () => {
    const file = path.join(tempDir(), 'nested', 'note.json');
    const doc = jsonDocument(file, isNote);
    expect(await doc.read()).toBeUndefined();
    expect(await readTextIfExists(file)).toBeUndefined();
    await doc.write({ id: 'a', n: 1 });
    expect(await doc.read()).toEqual({ id: 'a', n: 1 });
  });

  it('concurrent writes land in call order and leave no temp files', async () => {
    const dir = tempDir();
    const doc = jsonDocument(path.join(dir, 'note.json'), isNote);
    await Promise.all(Array.from({ length: 25 }, (_, n) => doc.write({ id: 'a', n })));
    expect(await doc.read()).toEqual({ id: 'a', n: 24 });
    expect(readdirSync(dir)).toEqual(['note.json']);
  });

  it('a file of the wrong shape reads as undefined; a leftover temp file is ignored', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'note.json');
    writeFileSync(file, JSON.stringify({ id: 7, n: 'x' }));
    writeFileSync(`${file}.123.1.tmp`, '{"id":"torn');
    const doc = jsonDocument(file, isNote);
    expect(await doc.read()).toBeUndefined();
    await doc.write({ id: 'b', n: 2 });
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual({ id: 'b', n: 2 });
  });

  it('keyed documents use hashed file names and never answer for another key', async () => {
    const dir = tempDir();
    const store = keyedJsonStore(
      dir,
      '.note.json',
      (value, key): value is Note => isNote(value) && value.id === key,
    );
    await store.save('waybill:EA123456785CN', { id: 'waybill:EA123456785CN', n: 1 });
    expect(readdirSync(dir)).toEqual([keyFileName('waybill:EA123456785CN', '.note.json')]);
    expect(await store.load('waybill:EA123456785CN')).toEqual({
      id: 'waybill:EA123456785CN',
      n: 1,
    });
    expect(await store.load('waybill:EA000000080CN')).toBeUndefined();
    // A document under the wrong key's file (e.g. a collision) is refused.
    writeFileSync(
      path.join(dir, keyFileName('other', '.note.json')),
      JSON.stringify({ id: 'waybill:EA123456785CN', n: 1 }),
    );
    expect(await store.load('other')).toBeUndefined();
  });

  it('hasFields checks kinds, arrays and objects', () => {
    const guard = hasFields<{ a: string; b: unknown[]; c: object }>({
      a: 'string',
      b: 'array',
      c: 'object',
    });
    expect(guard({ a: 'x', b: [], c: {} })).toBe(true);
    expect(guard({ a: 'x', b: {}, c: {} })).toBe(false);
    expect(guard({ a: 'x', b: [], c: null })).toBe(false);
    expect(guard(null)).toBe(false);
    expect(guard('a')).toBe(false);
  });
});

describe('printer registry', () => {
  it('saves at the same time keep every printer', async () => {
    const dataDir = tempDir();
    const registry = new PrinterRegistry(dataDir);
    await Promise.all(
      Array.from({ length: 6 }, (_, i) =>
        registry.save({
          id: `p${i}`,
          name: `打印机 ${i}`,
          uri: `tcp://127.0.0.${i + 1}:9100`,
          driver: 'tspl',
          dpi: 203,
          widthMm: 100,
          labelKinds: ['ems100x150'],
        }),
      ),
    );
    const ids = (await new PrinterRegistry(dataDir).list()).map((p) => p.id).sort();
    expect(ids).toEqual(['p0', 'p1', 'p2', 'p3', 'p4', 'p5']);
  });
});
