import { describe, expect, it } from 'vitest';
import { zhCN } from '../../../renderer/i18n/zh-CN.ts';
import { en } from '../../../renderer/i18n/en.ts';

type Tree = { readonly [key: string]: string | Tree };

function flatten(tree: Tree, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, value] of Object.entries(tree)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof value === 'string') out.set(path, value);
    else for (const [k, v] of flatten(value, path)) out.set(k, v);
  }
  return out;
}

const vars = (text: string) => [...text.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]).sort();

describe('UI strings', () => {
  const zh = flatten(zhCN);
  const english = flatten(en);

  it('have the same keys in both languages', () => {
    expect([...english.keys()].sort()).toEqual([...zh.keys()].sort());
  });

  it('use the same interpolation names in both languages', () => {
    for (const [key, text] of zh) expect(vars(english.get(key) ?? ''), key).toEqual(vars(text));
  });

  it('keep English out of the Chinese UI (apart from codes and units)', () => {
    const allowed = new Set([
      'KB',
      'GB',
      'VIN',
      'ESC',
      'POS',
      'TSPL',
      'EMS',
      'X',
      'I',
      'O',
      'Q',
      'http',
      'https',
      'F2',
      'F4',
      'JPEG',
    ]);
    for (const [key, text] of zh) {
      // The language switch names the other language in that language.
      if (key === 'header.language') continue;
      const withoutVars = text.replace(/\{\{\w+\}\}/g, '').replace(/\b[a-z]+:\/+[\w./:-]*/g, ''); // URIs (tcp://…, device:/dev/…) are not prose
      for (const word of withoutVars.match(/[A-Za-z]{2,}/g) ?? []) {
        expect(allowed.has(word), `${key}: “${word}” in “${text}”`).toBe(true);
      }
    }
  });
});
