import { beforeAll, describe, expect, it } from 'vitest';
import {
  emptyDraft,
  type CapturedImage,
  type IntakeDraft,
} from '../../../renderer/features/intake/draft.ts';
import {
  divisionsLookup,
  prepareAddress,
  deliveryPromise,
} from '../../../renderer/features/intake/address.ts';
import { validateIntake } from '../../../renderer/features/intake/validate.ts';
import { mailSortCode, receipt, waybillLabel } from '../../../renderer/features/intake/labels.ts';
import { sortCodeFor } from '../../../shared/sorting/index.ts';
import { findBusiness, unwrapBusiness } from './business.ts';

const portrait: CapturedImage = {
  localId: 'p1',
  kind: 'portrait',
  mime: 'image/jpeg',
  bytes: new Uint8Array([1, 2, 3]),
  sha256: 'a'.repeat(64),
  widthPx: 358,
  heightPx: 441,
  spec: 'RESIDENT_ID',
};

function renewal(change: (d: IntakeDraft) => void = () => {}): IntakeDraft {
  const d = emptyDraft();
  d.businessCode = 'ID_RENEWAL';
  d.acceptanceNo = ' a1401-0620 2605040001 ';
  d.applicant = {
    idNumber: ' 110105199003071239 ',
    name: ' 王小明 ',
    mobile: '+86 138-1234-5678',
    fromReader: false,
  };
  d.recipient.address = { divisionCode: '140105001', names: {}, detail: '坞城路92号3单元502室' };
  d.fee = { amountYuan: '20', payment: 'cash' };
  d.portrait = portrait;
  change(d);
  return d;
}

function vehicleDraft(change: (d: IntakeDraft) => void = () => {}): IntakeDraft {
  return renewal((d) => {
    d.businessCode = 'PLATE_REPLACEMENT';
    d.portrait = null;
    d.vehicle = {
      ...d.vehicle,
      plate: '晋A12345',
      plateType: '02',
      vin: 'LJCPCBLCX11000237',
      engineNo: 'k24z7 1234',
    };
    change(d);
  });
}

const errorsOf = (d: IntakeDraft) => {
  const r = validateIntake(d, divisionsLookup, new Date('2026-05-04T08:00:00+08:00'));
  return r.ok ? {} : Object.fromEntries(Object.entries(r.errors).map(([k, v]) => [k, v?.code]));
};

beforeAll(async () => {
  await prepareAddress('140105001');
});

describe('intake validation', () => {
  it('accepts a complete ID renewal and normalises what was typed', () => {
    const r = validateIntake(renewal(), divisionsLookup, new Date('2026-05-04T08:00:00+08:00'));
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value.acceptanceNo).toBe('A140106202605040001');
    expect(r.value.applicant).toMatchObject({
      name: '王小明',
      idNumber: '110105199003071239',
      mobile: '13812345678',
      birthDate: '19900307',
    });
    expect(r.value.delivery).toMatchObject({
      method: 'mail',
      recipient: {
        name: '王小明',
        mobile: '13812345678',
        divisionCode: '140105001',
        names: { province: '山西省', city: '太原市', county: '小店区', street: '坞城街道' },
      },
    });
    expect(r.value.feeFen).toBe(2000);
  });

  it('puts each problem on its own field, in Chinese', () => {
    const r = validateIntake(
      vehicleDraft((d) => {
        d.applicant.idNumber = '110105199003071230';
        d.vehicle.plate = '京AI2345';
        d.vehicle.vin = '1M8GDM9A1KP042788';
        d.recipient.address = {
          divisionCode: '',
          names: {},
          detail: '幸福路1号',
          unknownText: '火星市',
        };
      }),
      divisionsLookup,
    );
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors['applicant.idNumber']).toMatchObject({
      code: 'ID_CHECKSUM',
      message: '身份证号码校验位错误',
    });
    expect(r.errors['vehicle.plate']).toMatchObject({
      code: 'PLATE_SERIAL_CHAR',
      message: '号牌序号不能使用字母I或O',
    });
    expect(r.errors['vehicle.vin']).toMatchObject({ code: 'VIN_CHECKSUM' });
    expect(r.errors['recipient.address']?.message).toContain('地址无法识别：“火星市”');
    expect(Object.keys(r.errors).sort()).toEqual([
      'applicant.idNumber',
      'recipient.address',
      'vehicle.plate',
      'vehicle.vin',
    ]);
  });

  it('asks for the street when the county has streets, and refuses unknown codes', () => {
    expect(errorsOf(renewal((d) => (d.recipient.address.divisionCode = '140105')))).toEqual({
      'recipient.address': 'ADDRESS_INCOMPLETE',
    });
    expect(errorsOf(renewal((d) => (d.recipient.address.divisionCode = '140105999')))).toEqual({
      'recipient.address': 'ADDRESS_UNKNOWN',
    });
    expect(errorsOf(renewal((d) => (d.recipient.address.detail = '1号')))).toEqual({
      'recipient.detail': 'ADDRESS_DETAIL_SHORT',
    });
  });

  it('needs the decline reason when the applicant collects in person (no address then)', () => {
    const collect = (reason: IntakeDraft['delivery']['declineReason']) =>
      renewal((d) => {
        d.delivery = { method: 'collect', declineReason: reason };
        d.recipient.address = { divisionCode: '', names: {}, detail: '' };
      });
    expect(errorsOf(collect(''))).toEqual({ 'delivery.declineReason': 'DECLINE_REASON_EMPTY' });
    expect(errorsOf(collect('needs_urgently'))).toEqual({});
  });

  it('needs a photo for businesses with a photo spec', () => {
    expect(errorsOf(renewal((d) => (d.portrait = null)))).toEqual({ portrait: 'PHOTO_MISSING' });
  });

  it('takes a temporary plate only with the clerk’s confirmation', () => {
    const temp = (confirmed: boolean) =>
      vehicleDraft((d) => {
        d.vehicle.plate = '晋A12345临';
        d.vehicle.plateType = '22';
        d.vehicle.temporaryConfirmed = confirmed;
      });
    expect(errorsOf(temp(false))).toEqual({ 'vehicle.plate': 'PLATE_TEMPORARY_UNCONFIRMED' });
    const ok = validateIntake(temp(true), divisionsLookup);
    expect(ok.ok && ok.value.vehicle).toMatchObject({
      plateKind: 'temporary',
      temporaryConfirmed: true,
      engineNo: 'K24Z71234',
    });
  });

  it('checks the fee format and the payment method', () => {
    expect(errorsOf(renewal((d) => (d.fee = { amountYuan: '20.555', payment: '' })))).toEqual({
      'fee.amountYuan': 'FEE_FORMAT',
      'fee.payment': 'PAYMENT_EMPTY',
    });
  });
});

describe('delivery promise and labels', () => {
  it('a 太原 street is capital tier, due 12 h after acceptance', () => {
    const at = Date.parse('2026-05-04T09:00:00+08:00');
    expect(deliveryPromise('140105001', at)).toEqual({
      tier: 'capital',
      dueAt: at + 12 * 3_600_000,
      hours: 12,
    });
    expect(deliveryPromise('', at)).toBeNull();
  });

  it("the label's sort code is shared/sorting's rule for a mailed item", () => {
    for (const divisionCode of [
      '140105',
      '140105001',
      '140702100',
      '110101',
      ' 140105 ',
      '',
      '14010',
    ]) {
      const shared = sortCodeFor({ delivery: { method: 'mail' }, destination: { divisionCode } });
      expect(mailSortCode(divisionCode)).toBe(shared.code);
    }
    expect(mailSortCode('140702100')).toBe('140702');
    expect(mailSortCode('')).toBe('');
  });

  it('labels carry no ID number and a short sort code', () => {
    const business = unwrapBusiness(findBusiness('ID_RENEWAL'));
    const names = { province: '山西省', city: '太原市', county: '小店区', street: '坞城街道' };
    expect(mailSortCode('140105001')).toBe('140105');
    const station = {
      name: '太原市迎泽区警邮合作服务站',
      phone: '11185',
      address: { detail: '新建南路1号' },
    };
    const label = waybillLabel({
      waybillNo: 'EA123456785CN',
      acceptanceNo: 'A1',
      business,
      recipient: { name: '王小明', mobile: '13812345678', names, detail: '坞城路92号' },
      sortCode: mailSortCode('140105001'),
      station,
      printedAt: 0,
    });
    const slip = receipt({
      acceptanceNo: 'A1',
      business,
      method: 'mail',
      acceptedAt: 0,
      station,
      applicantName: '王小明',
      clerkCode: 'c1',
    });
    for (const content of [label, slip]) expect(JSON.stringify(content)).not.toMatch(/\d{17}[\dX]/);
    expect(label.contents).toBe('文件');
  });
});
