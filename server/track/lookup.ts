// Public status query (受理单号 + 出生日期): a masked timeline, nothing more. An unknown
// acceptance number and a wrong birth date are the same miss in the keyed-hash index, so the
// answer cannot tell them apart.
import type { Queryable } from '../db/types.ts';
import { findBusiness } from '../../shared/catalogue/index.ts';
import {
  isApplicationStatus,
  isStatusEventType,
  STATUS_EVENT_LABELS,
  STATUS_LABELS,
} from '../../shared/lifecycle/index.ts';
import { ADDRESS_MASK, maskName } from '../../shared/privacy/index.ts';
import {
  promiseClock,
  type ClockApplication,
  type ItemEvent,
} from '../../shared/promises/index.ts';
import { isSlaTier } from '../../shared/sla/index.ts';
import { currentSlaConfig } from '../settings/sla.ts';
import { openFields } from '../sync/pii.ts';
import { trackLookup } from '../sync/track-index.ts';

export interface TrackEvent {
  type: string;
  label: string;
  labelEn: string;
  /** Epoch milliseconds as recorded by the device. */
  at: number;
  place: string | null;
}

export interface TrackResult {
  acceptanceNo: string;
  business: { code: string; name: string; nameEn: string };
  status: { code: string; label: string; labelEn: string };
  delivery: 'mail' | 'collect';
  /** Masked: surname and the routing part of the address only. */
  recipient: { name: string; address: string } | null;
  waybillNo: string | null;
  /** Due time by the shared promise clock (shared/promises/clock.ts); null until it starts. */
  dueAt: number | null;
  events: TrackEvent[];
}

interface ApplicationRow {
  doc: Record<string, unknown>;
}

export async function trackApplication(
  db: Queryable,
  keys: { trackIndex: Buffer; pii: Buffer },
  acceptanceNo: string,
  birthDate: string,
): Promise<TrackResult | null> {
  const { rows } = await db.query<ApplicationRow>(
    `SELECT d.doc FROM track_index t
       JOIN documents d ON d.collection = 'applications' AND d.id = t.application_id
      WHERE t.lookup = $1 AND NOT d.deleted
      ORDER BY d.seq DESC LIMIT 1`,
    [trackLookup(keys.trackIndex, acceptanceNo, birthDate)],
  );
  const row = rows[0];
  if (!row) return null;
  const doc = openFields(keys.pii, 'applications', row.doc);
  const events = await db.query<{ doc: Record<string, unknown>; place: string | null }>(
    `SELECT e.doc, s.name AS place FROM documents e
       LEFT JOIN stations s ON s.code = e.station_id
      WHERE e.collection = 'events' AND e.doc ->> 'applicationId' = $1 AND NOT e.deleted`,
    [String(doc.id)],
  );
  const status = String(doc.status);
  const business = findBusiness(String(doc.businessCode));
  const delivery = recordOf(doc.delivery);
  const itemEvents = events.rows.map(({ doc: event }) => itemEventOf(event));
  const clock = promiseClock(clockApplicationOf(doc), itemEvents, {
    sla: await currentSlaConfig(db),
  });
  return {
    acceptanceNo: String(doc.acceptanceNo),
    business: business.ok
      ? { code: business.value.code, name: business.value.nameZh, nameEn: business.value.nameEn }
      : {
          code: String(doc.businessCode),
          name: String(doc.businessCode),
          nameEn: String(doc.businessCode),
        },
    status: isApplicationStatus(status)
      ? { code: status, label: STATUS_LABELS[status].zh, labelEn: STATUS_LABELS[status].en }
      : { code: status, label: status, labelEn: status },
    delivery: delivery.method === 'collect' ? 'collect' : 'mail',
    recipient: maskedRecipient(doc.recipient),
    waybillNo: typeof doc.waybillNo === 'string' ? doc.waybillNo : null,
    dueAt: clock.dueAt,
    events: events.rows
      .map(({ doc: event, place }) => eventOf(event, place))
      .sort((a, b) => a.at - b.at),
  };
}

function itemEventOf(event: Record<string, unknown>): ItemEvent {
  return {
    id: String(event.id),
    applicationId: String(event.applicationId),
    type: String(event.type),
    at: Number(event.at),
  };
}

/** The fields the promise clock reads, from a stored application document. */
function clockApplicationOf(doc: Record<string, unknown>): ClockApplication {
  const destination = recordOf(doc.destination);
  const tier = destination.tier;
  return {
    acceptedAt: Number(doc.acceptedAt),
    delivery: { method: recordOf(doc.delivery).method === 'collect' ? 'collect' : 'mail' },
    ...(isSlaTier(tier) && typeof destination.divisionCode === 'string'
      ? {
          destination: {
            divisionCode: destination.divisionCode,
            tier,
            ...(typeof destination.dueAt === 'number' ? { dueAt: destination.dueAt } : {}),
          },
        }
      : {}),
  };
}

function eventOf(event: Record<string, unknown>, place: string | null): TrackEvent {
  const type = String(event.type);
  const label = isStatusEventType(type) ? STATUS_EVENT_LABELS[type] : { zh: type, en: type };
  return { type, label: label.zh, labelEn: label.en, at: Number(event.at), place };
}

function maskedRecipient(value: unknown): TrackResult['recipient'] {
  const recipient = recordOf(value);
  if (typeof recipient.name !== 'string') return null;
  const address = recordOf(recipient.address);
  const region = ['province', 'city', 'county']
    .map((key) => (typeof address[key] === 'string' ? address[key] : ''))
    .join('');
  return { name: maskName(recipient.name), address: `${region}${ADDRESS_MASK}` };
}

const recordOf = (value: unknown): Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value)
    ? Object.fromEntries(Object.entries(value))
    : {};
