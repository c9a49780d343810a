// Validation of a whole intake before anything is written: every field is checked, every
// problem is returned with the field it belongs to (shown beside that field), and a draft is
// only turned into a `ValidIntake` when there are none — so nothing is ever saved half-way.
import { findBusiness, type BusinessType } from '../../../shared/catalogue/index.ts';
import { fail, ok, type Result, type WaypostError } from '../../../shared/result.ts';
import {
  isTemporaryPlateCandidate,
  parseMobile,
  parsePermanentResidenceCard,
  parsePlate,
  parseResidentId,
  parseVin,
  parseWaybillNumber,
  type PlateKind,
} from '../../../shared/validation/index.ts';
import {
  yuanToFen,
  type AddressNames,
  type CapturedImage,
  type DeclineReason,
  type IntakeDraft,
  type Payment,
  type Priority,
  type SlaTierCode,
} from './draft.ts';
import { plateTypeByCode } from '../vehicle/plate-types.ts';

export interface AddressLookup {
  /** Names of a county (6-digit) or street (9-digit) code; null when unknown. */
  resolve(code: string): AddressNames | null;
  /** Whether streets are known for a county (then one must be chosen). */
  countyHasStreets(countyCode: string): boolean;
}

export interface ValidPerson {
  readonly name: string;
  readonly idNumber: string;
  readonly mobile: string;
  readonly birthDate: string;
  readonly documentType: 'resident_id' | 'permanent_residence_card';
}

export interface ValidVehicle {
  readonly plate: string;
  readonly plateKind: PlateKind | 'temporary';
  readonly plateType: string;
  readonly temporaryConfirmed: boolean;
  readonly vin: string;
  readonly engineNo: string;
  readonly owner: { readonly name: string; readonly idNumber?: string };
}

export interface ValidIntake {
  readonly business: BusinessType;
  readonly acceptanceNo: string;
  readonly priority: Priority;
  readonly applicant: ValidPerson;
  readonly delivery:
    | {
        readonly method: 'mail';
        readonly recipient: {
          readonly name: string;
          readonly mobile: string;
          readonly divisionCode: string;
          readonly names: AddressNames;
          readonly detail: string;
        };
        readonly tierOverride?: SlaTierCode;
      }
    | { readonly method: 'collect'; readonly declineReason: DeclineReason };
  readonly feeFen: number;
  readonly payment: Payment;
  readonly waybillNo?: string;
  readonly portrait: CapturedImage | null;
  readonly documents: readonly CapturedImage[];
  readonly rubbings: readonly CapturedImage[];
  readonly vehicle: ValidVehicle | null;
  readonly note?: string;
}

export type FieldErrors = Partial<Record<string, WaypostError>>;

const err = (code: string, zh: string, en: string, field: string): WaypostError => ({
  code,
  message: zh,
  messageEn: en,
  field,
});

function withField<T>(result: Result<T>, field: string): Result<T> {
  return result.ok ? result : { ok: false, error: { ...result.error, field } };
}

/** An ID number: resident ID (incl. HK/Macao/Taiwan residence permits) or a 2023 PR card. */
export function parsePersonId(
  input: string,
  field: string,
  now: Date,
): Result<{ idNumber: string; birthDate: string; type: ValidPerson['documentType'] }> {
  const trimmed = input.trim();
  if (/^9/.test(trimmed)) {
    const card = parsePermanentResidenceCard(trimmed, { now });
    if (card.ok) {
      return ok({
        idNumber: card.value.cardNumber,
        birthDate: card.value.birthDateCompact,
        type: 'permanent_residence_card',
      });
    }
  }
  const id = parseResidentId(trimmed, { now });
  if (!id.ok) return withField(id, field);
  return ok({
    idNumber: id.value.idNumber,
    birthDate: id.value.birthDateCompact,
    type: 'resident_id',
  });
}

export function parseName(input: string, field: string): Result<string> {
  const name = input.trim().replace(/\s+/g, ' ');
  if (name === '') return fail('NAME_EMPTY', '请输入姓名', 'Enter the name', field);
  if ([...name].length > 30) return fail('NAME_LENGTH', '姓名过长', 'The name is too long', field);
  if (/[0-9<>{}[\]\\/@#$%^&*=+_|~`]/.test(name)) {
    return fail(
      'NAME_CHARS',
      '姓名中不能有数字或符号',
      'A name cannot contain digits or symbols',
      field,
    );
  }
  return ok(name);
}

export function parseAcceptanceNo(input: string): Result<string> {
  const value = input.trim().toUpperCase().replace(/[\s-]/g, '');
  if (value === '') {
    return fail(
      'ACCEPTANCE_NO_EMPTY',
      '请输入或扫描受理单号',
      'Enter or scan the acceptance number',
      'acceptanceNo',
    );
  }
  if (!/^[0-9A-Z]{4,32}$/.test(value)) {
    return fail(
      'ACCEPTANCE_NO_FORMAT',
      '受理单号应为4–32位字母或数字',
      'The acceptance number must be 4–32 letters or digits',
      'acceptanceNo',
    );
  }
  return ok(value);
}

export function checkAddress(
  address: IntakeDraft['recipient']['address'],
  lookup: AddressLookup,
): Result<{ divisionCode: string; names: AddressNames; detail: string }> {
  const field = 'recipient.address';
  if (address.divisionCode === '' && address.unknownText) {
    return fail(
      'ADDRESS_UNKNOWN',
      `地址无法识别：“${address.unknownText}”。请从列表中选择省、市、区县和街道（乡镇）`,
      `Unknown address “${address.unknownText}”: choose the province, city, county and street from the list`,
      field,
    );
  }
  if (address.divisionCode === '') {
    return fail(
      'ADDRESS_DIVISION_EMPTY',
      '请选择收件地址的省、市、区县和街道（乡镇）',
      'Choose the province, city, county and street of the address',
      field,
    );
  }
  const names = lookup.resolve(address.divisionCode);
  if (!names || !/^\d{6}(\d{3})?$/.test(address.divisionCode)) {
    return fail(
      'ADDRESS_UNKNOWN',
      '地址无法识别：请从列表中选择省、市、区县和街道（乡镇）',
      'Unknown address: choose the province, city, county and street from the list',
      field,
    );
  }
  const isCounty = address.divisionCode.length === 6;
  if (
    isCounty &&
    (address.divisionCode.endsWith('00') || lookup.countyHasStreets(address.divisionCode))
  ) {
    return fail(
      'ADDRESS_INCOMPLETE',
      '请继续选择到街道（乡镇）一级',
      'Choose down to the street (township) level',
      field,
    );
  }
  const detail = address.detail.trim().replace(/\s+/g, ' ');
  if ([...detail].length < 4) {
    return fail(
      'ADDRESS_DETAIL_SHORT',
      '请填写详细地址（路名门牌号、小区、楼栋单元房号）',
      'Enter the street address (road and number, community, building, room)',
      'recipient.detail',
    );
  }
  if ([...detail].length > 120) {
    return fail(
      'ADDRESS_DETAIL_LONG',
      '详细地址过长（最多120字）',
      'The street address is too long (120 max)',
      'recipient.detail',
    );
  }
  return ok({ divisionCode: address.divisionCode, names, detail });
}

function validateVehicle(draft: IntakeDraft, applicant: ValidPerson | null, errors: FieldErrors) {
  const v = draft.vehicle;
  let plate: { plate: string; kind: PlateKind | 'temporary' } | null = null;
  const parsedPlate = parsePlate(v.plate);
  if (parsedPlate.ok) {
    plate = parsedPlate.value;
  } else if (isTemporaryPlateCandidate(v.plate)) {
    if (v.temporaryConfirmed)
      plate = {
        plate: v.plate
          .trim()
          .toUpperCase()
          .replace(/[\s·-]/g, ''),
        kind: 'temporary',
      };
    else
      errors['vehicle.plate'] = err(
        'PLATE_TEMPORARY_UNCONFIRMED',
        '这像是临时号牌：请核对后勾选“确认为临时号牌”',
        'This looks like a temporary plate: check it and tick “confirm temporary plate”',
        'vehicle.plate',
      );
  } else {
    errors['vehicle.plate'] = { ...parsedPlate.error, field: 'vehicle.plate' };
  }
  if (!plateTypeByCode(v.plateType)) {
    errors['vehicle.plateType'] = err(
      'PLATE_TYPE_EMPTY',
      '请选择号牌种类',
      'Choose the plate type',
      'vehicle.plateType',
    );
  }
  const vin = parseVin(v.vin);
  if (!vin.ok) errors['vehicle.vin'] = { ...vin.error, field: 'vehicle.vin' };
  const engineNo = v.engineNo.trim().toUpperCase().replace(/\s/g, '');
  if (!/^[0-9A-Z-]{4,32}$/.test(engineNo)) {
    errors['vehicle.engineNo'] = err(
      'ENGINE_NO_FORMAT',
      '发动机号应为4–32位字母或数字',
      'The engine number must be 4–32 letters or digits',
      'vehicle.engineNo',
    );
  }
  let owner: ValidVehicle['owner'] | null = null;
  if (v.ownerSameAsApplicant) {
    owner = applicant ? { name: applicant.name, idNumber: applicant.idNumber } : null;
  } else {
    const name = parseName(v.ownerName, 'vehicle.ownerName');
    if (!name.ok) errors['vehicle.ownerName'] = name.error;
    let idNumber: string | undefined;
    if (v.ownerIdNumber.trim() !== '') {
      const id = parsePersonId(v.ownerIdNumber, 'vehicle.ownerIdNumber', new Date());
      if (id.ok) idNumber = id.value.idNumber;
      else errors['vehicle.ownerIdNumber'] = id.error;
    }
    if (name.ok) owner = idNumber ? { name: name.value, idNumber } : { name: name.value };
  }
  if (!plate || !vin.ok || !owner || errors['vehicle.plateType'] || errors['vehicle.engineNo'])
    return null;
  return {
    plate: plate.plate,
    plateKind: plate.kind,
    plateType: v.plateType,
    temporaryConfirmed: plate.kind === 'temporary',
    vin: vin.value.vin,
    engineNo,
    owner,
  } satisfies ValidVehicle;
}

export function validateIntake(
  draft: IntakeDraft,
  lookup: AddressLookup,
  now: Date = new Date(),
): { ok: true; value: ValidIntake } | { ok: false; errors: FieldErrors } {
  const errors: FieldErrors = {};
  const business = findBusiness(draft.businessCode);
  if (!business.ok) {
    errors.businessCode = err(
      'BUSINESS_EMPTY',
      '请选择业务类型',
      'Choose the business type',
      'businessCode',
    );
  }
  const acceptanceNo = parseAcceptanceNo(draft.acceptanceNo);
  if (!acceptanceNo.ok) errors.acceptanceNo = acceptanceNo.error;

  const id = parsePersonId(draft.applicant.idNumber, 'applicant.idNumber', now);
  if (!id.ok) errors['applicant.idNumber'] = id.error;
  const name = parseName(draft.applicant.name, 'applicant.name');
  if (!name.ok) errors['applicant.name'] = name.error;
  const mobile = withField(parseMobile(draft.applicant.mobile), 'applicant.mobile');
  if (!mobile.ok) errors['applicant.mobile'] = mobile.error;
  const applicant: ValidPerson | null =
    id.ok && name.ok && mobile.ok
      ? {
          name: name.value,
          idNumber: id.value.idNumber,
          mobile: mobile.value.mobile,
          birthDate: id.value.birthDate,
          documentType: id.value.type,
        }
      : null;

  let delivery: ValidIntake['delivery'] | null = null;
  if (draft.delivery.method === 'collect') {
    if (draft.delivery.declineReason === '') {
      errors['delivery.declineReason'] = err(
        'DECLINE_REASON_EMPTY',
        '申请人选择自取：请点选不邮寄的原因',
        'The applicant collects in person: tap the reason for not mailing',
        'delivery.declineReason',
      );
    } else {
      delivery = { method: 'collect', declineReason: draft.delivery.declineReason };
    }
  } else {
    const r = draft.recipient;
    const rName = r.sameAsApplicant ? name : parseName(r.name, 'recipient.name');
    const rMobile = r.sameAsApplicant
      ? mobile
      : withField(parseMobile(r.mobile), 'recipient.mobile');
    if (!r.sameAsApplicant && !rName.ok) errors['recipient.name'] = rName.error;
    if (!r.sameAsApplicant && !rMobile.ok) errors['recipient.mobile'] = rMobile.error;
    const address = checkAddress(r.address, lookup);
    if (!address.ok) errors[address.error.field ?? 'recipient.address'] = address.error;
    if (rName.ok && rMobile.ok && address.ok) {
      delivery = {
        method: 'mail',
        recipient: { name: rName.value, mobile: rMobile.value.mobile, ...address.value },
        ...(draft.tierOverride ? { tierOverride: draft.tierOverride } : {}),
      };
    }
  }

  const feeFen = yuanToFen(draft.fee.amountYuan);
  if (feeFen === null) {
    errors['fee.amountYuan'] = err(
      'FEE_FORMAT',
      '金额格式不正确（例如 20 或 20.50）',
      'Enter an amount such as 20 or 20.50',
      'fee.amountYuan',
    );
  }
  if (draft.fee.payment === '') {
    errors['fee.payment'] = err(
      'PAYMENT_EMPTY',
      '请选择支付方式',
      'Choose the payment method',
      'fee.payment',
    );
  }

  let waybillNo: string | undefined;
  if (draft.waybillNo.trim() !== '') {
    const parsed = parseWaybillNumber(draft.waybillNo);
    if (parsed.ok) waybillNo = parsed.value.waybillNo;
    else errors.waybillNo = { ...parsed.error, field: 'waybillNo' };
  }
  if (waybillNo && draft.delivery.method === 'collect') waybillNo = undefined;

  if (business.ok && business.value.photoSpec && !draft.portrait) {
    errors.portrait = err(
      'PHOTO_MISSING',
      '此业务需要照片：请拍照或沿用已有照片',
      'This business needs a photo: take one or reuse an earlier one',
      'portrait',
    );
  }
  const vehicle =
    business.ok && business.value.requiresVehicle
      ? validateVehicle(draft, applicant, errors)
      : null;

  const note = draft.note.trim();
  if ([...note].length > 200)
    errors.note = err(
      'NOTE_LONG',
      '备注过长（最多200字）',
      'The note is too long (200 max)',
      'note',
    );

  if (
    Object.keys(errors).length > 0 ||
    !business.ok ||
    !acceptanceNo.ok ||
    !applicant ||
    !delivery ||
    feeFen === null ||
    draft.fee.payment === ''
  ) {
    return { ok: false, errors };
  }
  const priority = draft.priority;
  return {
    ok: true,
    value: {
      business: business.value,
      acceptanceNo: acceptanceNo.value,
      priority,
      applicant,
      delivery,
      feeFen,
      payment: draft.fee.payment,
      ...(waybillNo ? { waybillNo } : {}),
      portrait: draft.portrait,
      documents: draft.documents,
      rubbings: draft.rubbings,
      vehicle,
      ...(note ? { note } : {}),
    },
  };
}
