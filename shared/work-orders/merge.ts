// Merging two versions of one work order edited on two devices (DESIGN.md "Conflicts"):
// notes are a union by id, the status never moves back, a resolution is never lost, and the
// other fields take the later write (the caller passes the server-ordered later one second).
import type { WorkOrderDoc } from '../sync/collections.ts';
import { workOrderStatusRank } from './kinds.ts';

export function mergeWorkOrderVersions(earlier: WorkOrderDoc, later: WorkOrderDoc): WorkOrderDoc {
  const notes = new Map<string, WorkOrderDoc['notes'][number]>();
  for (const note of [...earlier.notes, ...later.notes])
    if (!notes.has(note.id)) notes.set(note.id, note);
  const resolvedSide =
    later.status === 'resolved' ? later : earlier.status === 'resolved' ? earlier : null;
  const status =
    workOrderStatusRank(earlier.status) > workOrderStatusRank(later.status)
      ? earlier.status
      : later.status;
  const assigneeId = later.assigneeId ?? earlier.assigneeId;
  return {
    ...later,
    status,
    ...(assigneeId ? { assigneeId } : {}),
    ...(resolvedSide?.resolution !== undefined ? { resolution: resolvedSide.resolution } : {}),
    ...(resolvedSide?.resolvedAt !== undefined ? { resolvedAt: resolvedSide.resolvedAt } : {}),
    notes: [...notes.values()].sort(
      (a, b) => a.at - b.at || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
    ),
    updatedAt: Math.max(earlier.updatedAt, later.updatedAt),
  };
}
