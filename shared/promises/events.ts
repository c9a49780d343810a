// Status events as the lifecycle fold reads them, grouped per application, and the
// per-item timeline (时间轴) shown to staff and, masked, to the public.
import {
  compareStatusEvents,
  isStatusEventType,
  STATUS_EVENT_LABELS,
  statusAfterEvents,
  type ApplicationStatus,
  type StatusEventLike,
  type StatusEventType,
} from '../lifecycle/index.ts';
import type { EventDoc } from '../sync/collections.ts';

/** The event fields after-intake logic reads (no personal data). */
export type ItemEvent = Pick<EventDoc, 'id' | 'applicationId' | 'type' | 'at'> &
  Partial<
    Pick<EventDoc, 'stationId' | 'staffId' | 'batchId' | 'toStationId' | 'reason' | 'identityCheck'>
  >;

/** Events of known status types, as the lifecycle fold takes them; others are ignored. */
export function asStatusEvents(events: Iterable<ItemEvent>): StatusEventLike[] {
  const out: StatusEventLike[] = [];
  for (const e of events) {
    if (isStatusEventType(e.type)) out.push({ id: e.id, type: e.type, occurredAt: e.at });
  }
  return out;
}

export function groupEventsByApplication<E extends ItemEvent>(
  events: Iterable<E>,
): Map<string, E[]> {
  const map = new Map<string, E[]>();
  for (const e of events) {
    const list = map.get(e.applicationId);
    if (list === undefined) map.set(e.applicationId, [e]);
    else list.push(e);
  }
  return map;
}

export function currentStatus(events: Iterable<ItemEvent>): ApplicationStatus {
  return statusAfterEvents(asStatusEvents(events));
}

/** Earliest time an event of one of the types happened, or null. */
export function firstEventAt(
  events: Iterable<ItemEvent>,
  types: readonly StatusEventType[],
): number | null {
  let first: number | null = null;
  for (const e of events) {
    if ((types as readonly string[]).includes(e.type) && (first === null || e.at < first))
      first = e.at;
  }
  return first;
}

export interface TimelineEntry<E extends ItemEvent = ItemEvent> {
  readonly event: E;
  readonly type: StatusEventType;
  readonly labelZh: string;
  readonly labelEn: string;
  readonly at: number;
}

/** An item's events in the fold's deterministic order (duplicates by id once), labelled. */
export function itemTimeline<E extends ItemEvent>(events: Iterable<E>): TimelineEntry<E>[] {
  const unique = new Map<string, E>();
  for (const e of events) if (!unique.has(e.id)) unique.set(e.id, e);
  const entries: TimelineEntry<E>[] = [];
  for (const event of unique.values()) {
    if (!isStatusEventType(event.type)) continue;
    const type = event.type;
    entries.push({
      event,
      type,
      labelZh: STATUS_EVENT_LABELS[type].zh,
      labelEn: STATUS_EVENT_LABELS[type].en,
      at: event.at,
    });
  }
  return entries.sort((a, b) =>
    compareStatusEvents(
      { id: a.event.id, type: a.type, occurredAt: a.at },
      { id: b.event.id, type: b.type, occurredAt: b.at },
    ),
  );
}
