// Synthetic sample labels (no real person's data) for `npm run printer -- test`,
// docs/labels and tests. The recipient name has an Extension B character on purpose.
import type {
  LabelContent,
  LabelKind,
  ManifestData,
  ReceiptData,
  SlipData,
  WaybillLabelData,
} from '../../shared/printing/types.ts';

export const SAMPLE_ID_NUMBER = '110105199003071239';
export const SAMPLE_WAYBILL_NO = 'EA123456785CN';
/** 2026-03-07 14:05 China time. */
export const SAMPLE_TIME = Date.UTC(2026, 2, 7, 6, 5);

export const sampleWaybill: WaybillLabelData = {
  waybillNo: SAMPLE_WAYBILL_NO,
  acceptanceNo: 'A140106202603070001',
  sortCode: '晋A 太原迎泽 030-01',
  businessNameZh: '居民身份证换领',
  contents: '文件',
  printedAt: SAMPLE_TIME,
  recipient: {
    name: '王𠮷',
    mobile: '13812345678',
    address: {
      province: '山西省',
      city: '太原市',
      county: '迎泽区',
      street: '柳巷街道',
      detail: '迎泽大街100号3单元502室',
    },
    postcode: '030001',
  },
  sender: {
    name: '太原市公安局迎泽分局户政大厅邮政服务点',
    phone: '0351-4040000',
    address: { province: '山西省', city: '太原市', county: '迎泽区', detail: '新建南路1号' },
  },
  weightGrams: 50,
};

export const sampleReceipt: ReceiptData = {
  acceptanceNo: 'A140106202603070001',
  businessNameZh: '居民身份证换领（邮寄到家）',
  acceptedAt: SAMPLE_TIME,
  stationName: '太原市公安局迎泽分局户政大厅邮政服务点',
  stationPhone: '0351-4040000',
  applicantName: '䶮晓明',
  waybillNo: SAMPLE_WAYBILL_NO,
  trackingUrl: 'https://waypost.example.cn/track',
  clerkCode: 'C0107',
  notes: ['制证完成后约 7 个工作日寄出，邮政将提前电话预约投递。'],
};

export const sampleManifest: ManifestData = {
  batchId: '01JNX4F7Q2M6Z8K3R5T9V1W2YB',
  stationName: '太原市公安局迎泽分局户政大厅邮政服务点',
  destination: '太原邮区中心局 警邮专区',
  createdAt: SAMPLE_TIME,
  handedOverBy: 'C0107',
  items: [
    { waybillNo: SAMPLE_WAYBILL_NO, businessNameZh: '居民身份证换领', recipientName: '王𠮷' },
    { waybillNo: 'EA000000080CN', businessNameZh: '驾驶证期满换证', recipientName: '欧阳娜娜' },
    { waybillNo: 'EA000000155CN', businessNameZh: '居民身份证补领', recipientName: '䶮晓明' },
    { waybillNo: '1234567890123', businessNameZh: '行驶证补领', recipientName: '李四' },
  ],
};

export const sampleSlip: SlipData = {
  title: '移动车管所 出车单',
  subtitle: '晋A·流动服务车 02 号',
  printedAt: SAMPLE_TIME,
  lines: [
    { label: '班次', value: 'SHIFT-0307-A', bold: true },
    { label: '服务点', value: '小店区北格镇便民服务中心' },
    { label: '工作人员', value: 'C0107、C0112' },
    { label: '携带物料', value: '号牌 20 副，临时号牌 50 张，面单 200 张' },
    { value: '出车前已检查打印机、相机和网络终端。' },
  ],
  barcode: 'SHIFT-0307-A',
  signatures: ['带班人', '驾驶员'],
  footer: '收车时请打印收车单并核对物料。',
};

export function sampleLabel(kind: LabelKind): LabelContent {
  switch (kind) {
    case 'ems100x150':
    case 'ems76x130':
      return { kind, waybill: sampleWaybill };
    case 'receipt80':
      return { kind, receipt: sampleReceipt };
    case 'manifest80':
      return { kind, manifest: sampleManifest };
    case 'slip80':
      return { kind, slip: sampleSlip };
  }
}
