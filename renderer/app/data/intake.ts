// Saving an intake: media, vehicle, waybill, application and its first status event, written
// as one unit as far as IndexedDB allows (RxDB has no cross-collection transaction): the
// application is written last, as the commit record, and anything written before a failure is
// removed again, so nothing is ever saved half-way. Then the waybill and receipt are printed.
import type { SlaConfig } from '../../../shared/sla/index.ts';
import { fail, ok, type Result, type WaypostError } from '../../../shared/result.ts';
import { findBusiness } from '../../../shared/catalogue/index.ts';
import { newId } from '../../db/ids.ts';
import { insertApplication, type ApplicationInput } from '../../db/applications.ts';
import { findApplicationsByAcceptanceNo } from '../../db/lookups.ts';
import { storeMedia } from '../../sync/media-queue.ts';
import type { StaffSession } from '../../stores/session.ts';
import type { CapturedImage } from '../../features/intake/draft.ts';
import { deliveryPromise } from '../../features/intake/address.ts';
import { mailSortCode, receipt, waybillLabel } from '../../features/intake/labels.ts';
import type { SaveOutcome } from '../../features/intake/store.ts';
import type { ValidIntake } from '../../features/intake/validate.ts';
import { data } from './db.ts';
import { call } from './host.ts';
import { numberPool } from './services.ts';
import { waybillForNumber, type TakenNumber } from '../../db/number-pool.ts';
import { printLabel, waybillKind } from './printing.ts';
import { stationInfo } from './station.ts';

type Removal = () => Promise<unknown>;

async function storeImage(
  image: CapturedImage,
  ctx: { now: number; stationId: string; deviceId: string; applicationId: string; vehicleId?: string; accepted?: boolean },
  undo: Removal[],
): Promise<string> {
  // 一照通用: the earlier portrait's media (bytes already stored and uploaded) is referenced.
  if (image.reusedMediaId) return image.reusedMediaId;
  const store = data();
  const id = newId(ctx.now);
  const doc = await storeMedia(
    store.db.media,
    {
      id,
      stationId: ctx.stationId,
      deviceId: ctx.deviceId,
      createdAt: ctx.now,
      updatedAt: ctx.now,
      kind: image.kind,
      mime: image.mime,
      widthPx: image.widthPx,
      heightPx: image.heightPx,
      applicationId: ctx.applicationId,
      ...(ctx.vehicleId ? { vehicleId: ctx.vehicleId } : {}),
      ...(image.page ? { page: image.page } : {}),
      ...(image.spec ? { spec: image.spec } : {}),
      ...(ctx.accepted ? { accepted: true } : {}),
    },
    new Blob([image.bytes.slice()], { type: image.mime }),
  );
  undo.push(() => doc.getLatest().remove());
  return id;
}

export async function saveIntake(
  intake: ValidIntake,
  ctx: { session: StaffSession; slaConfig: SlaConfig },
): Promise<Result<SaveOutcome>> {
  const store = data();
  const { session } = ctx;
  const existing = await findApplicationsByAcceptanceNo(store, intake.acceptanceNo);
  if (existing.some((doc) => doc.status !== 'cancelled')) {
    return fail(
      'ACCEPTANCE_NO_DUPLICATE',
      '该受理单号已在本机受理过，请核对受理单号',
      'This acceptance number has already been taken on this device',
      'acceptanceNo',
    );
  }
  if (intake.waybillNo) {
    const problem = await preprintedWaybillProblem(intake.waybillNo);
    if (problem) return problem;
  }
  const pool = numberPool();
  const now = store.context.now();
  const base = { stationId: session.stationId, deviceId: store.context.deviceId, createdAt: now, updatedAt: now };
  const applicationId = newId(now);
  const vehicleId = intake.vehicle ? newId(now) : undefined;
  const undo: Removal[] = [];
  try {
    const mediaCtx = { now, stationId: session.stationId, deviceId: store.context.deviceId, applicationId };
    const portraitId = intake.portrait ? await storeImage(intake.portrait, { ...mediaCtx, accepted: true }, undo) : undefined;
    const documentIds: string[] = [];
    for (const page of intake.documents) documentIds.push(await storeImage(page, mediaCtx, undo));
    const rubbingIds: string[] = [];
    for (const rubbing of intake.rubbings) {
      rubbingIds.push(await storeImage(rubbing, { ...mediaCtx, ...(vehicleId ? { vehicleId } : {}) }, undo));
    }

    if (intake.vehicle && vehicleId) {
      const v = intake.vehicle;
      const vehicle = await store.db.vehicles.insert({
        ...base,
        id: vehicleId,
        applicationId,
        plate: v.plate,
        plateKind: v.plateKind,
        plateType: v.plateType,
        plateConfirmedByClerk: v.temporaryConfirmed,
        vin: v.vin,
        engineNo: v.engineNo,
        owner: v.owner,
        rubbingMediaIds: rubbingIds,
      });
      undo.push(() => vehicle.getLatest().remove());
    }

    let destination: ApplicationInput['destination'];
    let sortCode = '';
    if (intake.delivery.method === 'mail') {
      const r = intake.delivery.recipient;
      const promise = deliveryPromise(r.divisionCode, now, ctx.slaConfig, intake.delivery.tierOverride);
      sortCode = mailSortCode(r.divisionCode);
      if (promise) {
        destination = {
          divisionCode: r.divisionCode,
          tier: promise.tier,
          ...(intake.delivery.tierOverride ? { tierOverridden: true } : {}),
          sortCode,
          dueAt: promise.dueAt,
        };
      }
    }

    const mediaIds = [portraitId, ...documentIds, ...rubbingIds].filter((id): id is string => Boolean(id));
    // The number is claimed before the application is written, so the application carries it
    // from its first write (no second write of it) and its waybill follows in one insert.
    const labelKind = intake.delivery.method === 'mail' ? await waybillKind() : null;
    let taken: TakenNumber | null = null;
    if (labelKind && !intake.waybillNo && pool) {
      const number = await pool.takeNumber();
      if (number.ok) taken = number.value;
    }
    const waybillNo = intake.waybillNo ?? taken?.waybillNo;

    const application = await insertApplication(store, {
      ...base,
      id: applicationId,
      acceptanceNo: intake.acceptanceNo,
      businessCode: intake.business.code,
      status: 'accepted',
      priority: intake.priority,
      clerkId: session.staffId,
      acceptedAt: now,
      applicant: {
        name: intake.applicant.name,
        idNumber: intake.applicant.idNumber,
        mobile: intake.applicant.mobile,
        birthDate: intake.applicant.birthDate,
      },
      delivery:
        intake.delivery.method === 'mail'
          ? { method: 'mail' }
          : { method: 'collect', declineReason: intake.delivery.declineReason },
      ...(intake.delivery.method === 'mail'
        ? {
            recipient: {
              name: intake.delivery.recipient.name,
              mobile: intake.delivery.recipient.mobile,
              address: {
                divisionCode: intake.delivery.recipient.divisionCode,
                ...intake.delivery.recipient.names,
                detail: intake.delivery.recipient.detail,
              },
            },
          }
        : {}),
      ...(destination ? { destination } : {}),
      fee: { amountFen: intake.feeFen, payment: intake.payment },
      ...(vehicleId ? { vehicleId } : {}),
      ...(intake.portrait ? { photoSha256: intake.portrait.sha256 } : {}),
      mediaIds,
      ...(waybillNo ? { waybillNo } : {}),
      ...(intake.note ? { note: intake.note } : {}),
    });
    undo.push(() => application.getLatest().remove());

    if (labelKind) {
      if (taken) {
        const waybill = await store.db.waybills.insert(
          waybillForNumber(
            { applicationId, stationId: session.stationId, deviceId: store.context.deviceId, labelKind },
            taken,
            { id: newId(now), state: 'allocated', now },
          ),
        );
        undo.push(() => waybill.getLatest().remove());
      } else if (intake.waybillNo) {
        // A pre-printed waybill the clerk scanned: its number is the label's.
        const waybill = await store.db.waybills.insert({
          ...base,
          id: newId(now),
          applicationId,
          waybillNo: intake.waybillNo,
          labelKind,
          state: 'allocated',
          printCount: 0,
          sortCode,
          contents: '文件',
        });
        undo.push(() => waybill.getLatest().remove());
      } else if (pool) {
        // Pool empty: a waiting request, served when a block arrives.
        const allocated = await pool.allocateWaybill({ id: applicationId, stationId: session.stationId }, labelKind);
        if (!allocated.ok) throw new Error(allocated.error.messageEn);
        if (allocated.value.kind === 'allocated') {
          const id = allocated.value.waybill.id;
          undo.push(async () => (await store.db.waybills.findOne(id).exec())?.remove());
        }
      }
    }

    await store.db.events.insert({
      ...base,
      id: newId(now),
      applicationId,
      type: 'accepted',
      at: now,
      staffId: session.staffId,
    });
  } catch (error) {
    for (const remove of undo.reverse()) await remove().catch(() => undefined);
    return fail(
      'INTAKE_SAVE_FAILED',
      '保存失败，未保存任何内容。请重试；如仍失败请联系技术支持。',
      `Saving failed and nothing was saved: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
  return ok(await printIntakeLabels(applicationId, session));
}

/**
 * A scanned pre-printed waybill: 13-digit EMS numbers are EMS's own stock; an S10 number must
 * come from this device's blocks (the server refuses any other), and no number twice.
 */
async function preprintedWaybillProblem(waybillNo: string) {
  const store = data();
  const used = await store.db.waybills.findOne({ selector: { waybillNo } }).exec();
  if (used) {
    return fail('WAYBILL_NUMBER_USED', '这个运单号已经用过，请换一张运单', 'This waybill number has been used already', 'waybillNo');
  }
  const s10 = /^([A-Z]{2})(\d{8})\d[A-Z]{2}$/.exec(waybillNo);
  if (!s10) return null;
  const serial = Number(s10[2]);
  const blocks = await store.db.numberBlocks.find({ selector: { serviceIndicator: s10[1] } }).exec();
  if (blocks.some((b) => serial >= b.firstSerial && serial < b.firstSerial + b.count)) return null;
  return fail(
    'WAYBILL_NOT_IN_BLOCK',
    '这个邮件号不在本机领取的号段内：请用预印的13位运单，或留空由系统取号',
    "This waybill number is not in this device's number blocks: use a pre-printed 13-digit waybill or leave it empty",
    'waybillNo',
  );
}

const labelKeys = {
  waybill: (waybillNo: string) => `waybill:${waybillNo}`,
  receipt: (acceptanceNo: string) => `receipt:${acceptanceNo}`,
};
export { labelKeys };

async function alreadyPrinted(labelKey: string): Promise<boolean> {
  const found = await data().db.printRecords.findOne({ selector: { labelKey } }).exec();
  return found !== null;
}

/**
 * Prints what an application still lacks: its waybill (once it has a number) and the
 * applicant's receipt. Safe to call again (F4): printed labels are not printed twice.
 */
export async function printIntakeLabels(applicationId: string, session: StaffSession): Promise<SaveOutcome> {
  const store = data();
  const application = await store.db.applications.findOne(applicationId).exec();
  if (!application) throw new Error(`application ${applicationId} not found`);
  const app = application.toJSON();
  const business = findBusiness(app.businessCode);
  const waybill = await store.db.waybills.findOne({ selector: { applicationId, state: { $ne: 'voided' } } }).exec();
  const station = stationInfo(session);
  const settings = await call((h) => h.settings.get());
  const serverUrl = settings.ok ? settings.value.serverUrl : null;
  let printError: WaypostError | null = null;
  let waybillPrinted = waybill?.state === 'printed';

  if (business.ok && waybill && app.recipient && !waybillPrinted) {
    const label = waybillLabel({
      waybillNo: waybill.waybillNo,
      acceptanceNo: app.acceptanceNo,
      business: business.value,
      recipient: {
        name: app.recipient.name,
        mobile: app.recipient.mobile,
        names: app.recipient.address,
        detail: app.recipient.address.detail,
      },
      sortCode: app.destination?.sortCode ?? waybill.sortCode ?? '',
      station,
      printedAt: store.context.now(),
    });
    const printed = await printLabel({
      labelKey: labelKeys.waybill(waybill.waybillNo),
      label: { kind: waybill.labelKind, waybill: label },
      session,
      applicationId,
      waybillNo: waybill.waybillNo,
    });
    if (printed.ok) {
      waybillPrinted = true;
      await waybill.incrementalPatch({
        state: 'printed',
        printCount: waybill.printCount + 1,
        lastPrintedAt: printed.value.printedAt,
        updatedAt: store.context.now(),
      });
    } else {
      printError = printed.error;
    }
  }

  const receiptKey = labelKeys.receipt(app.acceptanceNo);
  let receiptPrinted = await alreadyPrinted(receiptKey);
  if (business.ok && !receiptPrinted && !printError) {
    const printed = await printLabel({
      labelKey: receiptKey,
      label: {
        kind: 'receipt80',
        receipt: receipt({
          acceptanceNo: app.acceptanceNo,
          business: business.value,
          method: app.delivery.method === 'collect' ? 'collect' : 'mail',
          acceptedAt: app.acceptedAt,
          station,
          applicantName: app.applicant.name,
          ...(waybill ? { waybillNo: waybill.waybillNo } : {}),
          clerkCode: session.username,
          ...(serverUrl ? { trackingUrl: `${serverUrl}/track` } : {}),
        }),
      },
      session,
      applicationId,
    });
    if (printed.ok) receiptPrinted = true;
    else printError = printed.error;
  }

  return {
    applicationId,
    acceptanceNo: app.acceptanceNo,
    waybillNo: waybill?.waybillNo ?? null,
    method: app.delivery.method === 'collect' ? 'collect' : 'mail',
    pendingPrint: app.delivery.method !== 'collect' && !waybill,
    waybillPrinted,
    receiptPrinted,
    printError,
  };
}

export async function printPendingLabels(
  applicationId: string,
  session: StaffSession,
): Promise<SaveOutcome> {
  return printIntakeLabels(applicationId, session);
}
