// Phone status enquiry (受理单号 + 出生日期): the central server's public track endpoint when
// online; otherwise this device's own records, masked the same way.
import { findBusiness } from '../../../../shared/catalogue/index.ts';
import { isApplicationStatus, STATUS_LABELS } from '../../../../shared/lifecycle/index.ts';
import { itemTimeline } from '../../../../shared/promises/index.ts';
import { ADDRESS_MASK, maskName } from '../../../../shared/privacy/index.ts';
import { fail, ok, type Result } from '../../../../shared/result.ts';
import { findApplicationsByAcceptanceNo } from '../../../db/lookups.ts';
import { data, isRecord, serverGet } from './context.ts';

export interface EnquiryEvent {
  readonly type: string;
  readonly label: string;
  readonly labelEn: string;
  readonly at: number;
  readonly place: string | null;
}

/** The same shape as the server's track answer (docs/PROTOCOL.md, GET /track). */
export interface EnquiryResult {
  readonly source: 'server' | 'local';
  readonly acceptanceNo: string;
  readonly business: { readonly code: string; readonly name: string; readonly nameEn: string };
  readonly status: { readonly code: string; readonly label: string; readonly labelEn: string };
  readonly delivery: 'mail' | 'collect';
  readonly recipient: { readonly name: string; readonly address: string } | null;
  readonly waybillNo: string | null;
  readonly dueAt: number | null;
  readonly events: readonly EnquiryEvent[];
}

export const isBirthDate = (value: string) => /^(19|20)\d{2}(0[1-9]|1[0-2])(0[1-9]|[12]\d|3[01])$/.test(value);

const notFound = () =>
  fail('ENQUIRY_NOT_FOUND', '没有查到：受理单号或出生日期不符', 'Nothing found: the acceptance number or date of birth does not match');

const text = (v: unknown) => (typeof v === 'string' ? v : '');
const labelled = (v: unknown) => {
  const r = isRecord(v) ? v : {};
  return { code: text(r.code), label: text(r.label ?? r.name), labelEn: text(r.labelEn ?? r.nameEn) };
};

export function parseTrack(body: unknown): Omit<EnquiryResult, 'source'> | null {
  if (!isRecord(body) || typeof body.acceptanceNo !== 'string') return null;
  const business = labelled(body.business);
  const recipient = isRecord(body.recipient) ? { name: text(body.recipient.name), address: text(body.recipient.address) } : null;
  return {
    acceptanceNo: body.acceptanceNo,
    business: { code: business.code, name: business.label, nameEn: business.labelEn },
    status: labelled(body.status),
    delivery: body.delivery === 'collect' ? 'collect' : 'mail',
    recipient,
    waybillNo: typeof body.waybillNo === 'string' ? body.waybillNo : null,
    dueAt: typeof body.dueAt === 'number' ? body.dueAt : null,
    events: (Array.isArray(body.events) ? body.events : []).filter(isRecord).map((e) => ({
      type: text(e.type),
      label: text(e.label),
      labelEn: text(e.labelEn),
      at: typeof e.at === 'number' ? e.at : 0,
      place: typeof e.place === 'string' ? e.place : null,
    })),
  };
}

async function local(acceptanceNo: string, birthDate: string): Promise<Result<EnquiryResult>> {
  const store = data();
  const found = (await findApplicationsByAcceptanceNo(store, acceptanceNo)).find((a) => a.applicant.birthDate === birthDate);
  if (!found) return notFound();
  const app = found.toJSON();
  const events = await store.db.events.find({ selector: { applicationId: app.id } }).exec();
  const business = findBusiness(app.businessCode);
  const status = app.status;
  const recipient = app.recipient;
  return ok({
    source: 'local',
    acceptanceNo: app.acceptanceNo,
    business: business.ok
      ? { code: app.businessCode, name: business.value.nameZh, nameEn: business.value.nameEn }
      : { code: app.businessCode, name: app.businessCode, nameEn: app.businessCode },
    status: isApplicationStatus(status)
      ? { code: status, label: STATUS_LABELS[status].zh, labelEn: STATUS_LABELS[status].en }
      : { code: status, label: status, labelEn: status },
    delivery: app.delivery.method,
    recipient: recipient
      ? {
          name: maskName(recipient.name),
          address: `${recipient.address.province ?? ''}${recipient.address.city ?? ''}${recipient.address.county ?? ''}${ADDRESS_MASK}`,
        }
      : null,
    waybillNo: app.waybillNo ?? null,
    dueAt: app.destination?.dueAt ?? null,
    events: itemTimeline(events.map((e) => ({ id: e.id, applicationId: e.applicationId, type: e.type, at: e.at }))).map((t) => ({
      type: t.type,
      label: t.labelZh,
      labelEn: t.labelEn,
      at: t.at,
      place: null,
    })),
  });
}

export async function enquire(acceptanceNo: string, birthDate: string): Promise<Result<EnquiryResult> & { offline?: boolean }> {
  const online = await serverGet('/track', { acceptanceNo, birthDate }, { auth: false, parse: parseTrack });
  if (online.ok) return ok({ ...online.value, source: 'server' });
  // A definite "no" from the server is the answer; only an unreachable server falls back.
  if (online.status !== undefined && online.status !== 429 && online.status < 500) return notFound();
  const offline = await local(acceptanceNo, birthDate);
  return { ...offline, offline: true };
}
