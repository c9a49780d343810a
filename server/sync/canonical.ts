// Canonical JSON for comparing document states: keys sorted, RxDB's local meta fields
// (_meta, _rev, _attachments) left out, so the same data always yields the same text.

const META_FIELDS = new Set(['_meta', '_rev', '_attachments']);

export function canonicalJson(value: unknown, topLevel = true): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${value.map((v) => canonicalJson(v, false)).join(',')}]`;
  const entries = Object.entries(value)
    .filter(([key, v]) => v !== undefined && !(topLevel && META_FIELDS.has(key)))
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v, false)}`).join(',')}}`;
}

/** The document as stored and validated: no RxDB meta fields, no `_deleted`. */
export function documentBody(state: Record<string, unknown>): Record<string, unknown> {
  const body: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(state)) {
    if (!META_FIELDS.has(key) && key !== '_deleted') body[key] = value;
  }
  return body;
}
