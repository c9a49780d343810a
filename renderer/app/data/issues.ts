// The refused document behind a sync issue (kept encrypted in syncIssues), and editing the one
// field the server named.
import { data } from './db.ts';

export async function loadIssueDocument(issueId: string): Promise<Record<string, unknown> | null> {
  const issue = await data().db.syncIssues.findOne(issueId).exec();
  if (!issue) return null;
  try {
    const parsed: unknown = JSON.parse(issue.document);
    return typeof parsed === 'object' && parsed !== null ? (parsed as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

/** `applicant.mobile`, `/applicant/mobile` or `applicant/mobile` → path segments. */
function segments(path: string): string[] {
  return path.replace(/^[/$.]+/, '').split(/[./]/).filter(Boolean);
}

export function fieldValue(doc: Record<string, unknown>, path: string): unknown {
  let current: unknown = doc;
  for (const key of segments(path)) {
    if (typeof current !== 'object' || current === null) return undefined;
    current = (current as Record<string, unknown>)[key];
  }
  return current;
}

/** A copy of `doc` with the value at `path` replaced (numbers stay numbers). */
export function withFieldValue(doc: Record<string, unknown>, path: string, text: string): Record<string, unknown> {
  const keys = segments(path);
  const copy = structuredClone(doc);
  let target: Record<string, unknown> = copy;
  for (const key of keys.slice(0, -1)) {
    const next = target[key];
    if (typeof next !== 'object' || next === null) return copy;
    target = next as Record<string, unknown>;
  }
  const last = keys[keys.length - 1];
  if (last === undefined) return copy;
  target[last] = typeof target[last] === 'number' && text.trim() !== '' && !Number.isNaN(Number(text)) ? Number(text) : text;
  return copy;
}
