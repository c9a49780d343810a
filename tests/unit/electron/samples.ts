// One valid request per channel (the mapped type makes the compiler demand every channel).
// Synthetic data only.
import type { HostChannel, HostRequest } from '../../../shared/host/contract.ts';
import type { LabelContent } from '../../../shared/printing/types.ts';

export const SAMPLE_SLIP: LabelContent = {
  kind: 'slip80',
  slip: {
    title: '出车检查单',
    lines: [{ label: '车辆', value: '晋A12345' }],
    printedAt: 1_763_700_000_000,
  },
};

export const SAMPLE_REQUESTS: { readonly [K in HostChannel]: HostRequest<K> } = {
  'app.info': undefined,
  'settings.get': undefined,
  'settings.set': { idleLockMinutes: 15 },
  'keys.databaseKey': undefined,
  'keys.blindIndexKey': undefined,
  'device.identity': undefined,
  'device.setEnrolment': {
    serverUrl: 'https://jyt.example.cn',
    deviceId: 'DEV-1',
    stationId: 'ST-1',
    stationCode: 'S001',
    credential: 'secret-credential',
    enrolledAt: 1_763_700_000_000,
  },
  'device.clearEnrolment': undefined,
  'log.write': { entries: [{ level: 'info', message: 'hello' }] },
  'printers.list': undefined,
  'printers.save': {
    id: 'p1',
    name: '前台标签机',
    uri: 'tcp://127.0.0.1:9100',
    driver: 'escpos',
    dpi: 203,
    widthMm: 80,
    labelKinds: ['receipt80', 'slip80'],
  },
  'printers.remove': { printerId: 'p1' },
  'printers.check': { printerId: 'p1' },
  'print.label': { labelKey: 'slip:1', printerId: 'p1', label: SAMPLE_SLIP },
  'print.reprint': { labelKey: 'slip:1', printerId: 'p1', reason: '卡纸' },
  'print.void': { labelKey: 'slip:1', reason: '作废' },
  'print.startBatch': {
    batchId: 'B1',
    printerId: 'p1',
    items: [{ labelKey: 'slip:2', label: SAMPLE_SLIP }],
  },
  'print.resumeBatch': { batchId: 'B1' },
  'print.batchProgress': { batchId: 'B1' },
  'print.ledger': { limit: 10 },
  'print.preview': { label: SAMPLE_SLIP },
  'print.osDialog': { label: SAMPLE_SLIP },
  'print.savePdf': { label: SAMPLE_SLIP, fileName: 'slip.pdf' },
  'idCard.status': undefined,
  'idCard.read': undefined,
  'backup.save': { reason: 'manual', data: 'AAEC' },
  'backup.list': undefined,
  'backup.read': { id: '01JAAAAAAAAAAAAAAAAAAAAAAA' },
  'update.check': undefined,
  'update.state': undefined,
  'update.install': { backupId: '01JAAAAAAAAAAAAAAAAAAAAAAA' },
};

/** A request each channel's schema must refuse (wrong type or an unexpected field). */
export function invalidRequestFor(channel: HostChannel): unknown {
  const sample: unknown = SAMPLE_REQUESTS[channel];
  return sample === undefined ? { unexpected: true } : 42;
}
