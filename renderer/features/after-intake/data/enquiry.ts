// Phone status enquiry (受理单号 + 出生日期): the central server's public track endpoint when
// online; otherwise this device's own records, masked the same way.
import { findBusiness } from '../../../../shared/catalogue/index.ts';
import { isApplicationStatus, STATUS_LABELS } from '../../../../shared/lifecycle/index.ts';
import { itemTimeline, promiseClock } from '../../../../shared/promises/index.ts';
import { ADDRESS_MASK, maskName } from '../../../../shared/privacy/index.ts';
import { fail, ok, type Result } from '../../../../shared/result.ts';
import { findApplicationsByAcceptanceNo } from '../../../db/lookups.ts';
import { slaConfig } from '../../../app/data/config.ts';
import { data, serverGet } from './context.ts';
import { parseTrack, type EnquiryResult } from './parse.ts';

export { isBirthDate, parseTrack, type EnquiryEvent, type EnquiryResult } from './parse.ts';

const notFound = () =>
  fail('ENQUIRY_NOT_FOUND', '没有查到：受理单号或出生日期不符', 'Nothing found: the acceptance number or date of birth does not match');

async function local(acceptanceNo: string, birthDate: string): Promise<Result<EnquiryResult>> {
  const store = data();
  const found = (await findApplicationsByAcceptanceNo(store, acceptanceNo)).find((a) => a.applicant.birthDate === birthDate);
  if (!found) return notFound();
  const app = found.toJSON();
  const events = (await store.db.events.find({ selector: { applicationId: app.id } }).exec()).map((e) => ({
    id: e.id,
    applicationId: e.applicationId,
    type: e.type,
    at: e.at,
  }));
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
    // The same clock as the server's track answer and the promise screens.
    dueAt: promiseClock(app, events, { sla: slaConfig() }).dueAt,
    events: itemTimeline(events).map((t) => ({
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
