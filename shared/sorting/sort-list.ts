// Sort list (分拣清单) of a batch: its items grouped by sort code, in a stable order a
// sorting frame can follow (codes ascending, unsorted items last, items by number).

export interface SortListItem {
  readonly applicationId: string;
  readonly acceptanceNo: string;
  readonly waybillNo?: string;
  readonly sortCode?: string;
}

export interface SortGroup<T extends SortListItem = SortListItem> {
  /** '' for items whose destination is unknown (未分拣). */
  readonly sortCode: string;
  /** A display name for the code (county or station name); the code itself when unknown. */
  readonly label: string;
  readonly items: readonly T[];
}

/** Resolves a sort code to a display name (division or station directory), if known. */
export type SortCodeNamer = (sortCode: string) => string | undefined;

const itemKey = (item: SortListItem) => item.waybillNo ?? item.acceptanceNo;
const byText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

export function sortList<T extends SortListItem>(
  items: readonly T[],
  nameOf: SortCodeNamer = () => undefined,
): SortGroup<T>[] {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const code = item.sortCode?.trim() ?? '';
    const list = groups.get(code);
    if (list === undefined) groups.set(code, [item]);
    else list.push(item);
  }
  return [...groups.entries()]
    .sort(([a], [b]) => (a === '' ? 1 : b === '' ? -1 : byText(a, b)))
    .map(([sortCode, list]) => ({
      sortCode,
      label: sortCode === '' ? '' : (nameOf(sortCode) ?? sortCode),
      items: [...list].sort((a, b) => byText(itemKey(a), itemKey(b))),
    }));
}
