// Printer errors a clerk reads: Simplified Chinese with an English twin and a
// stable code. No personal data in any of them.
import { fail, type Err } from '../../shared/result.ts';
import type { PrinterFault } from '../../shared/printing/types.ts';

const FAULT_ZH: Record<PrinterFault, string> = {
  head_open: '打印头未合上',
  paper_jam: '卡纸',
  ribbon_out: '碳带用完',
  paused: '打印机处于暂停状态',
  cover_open: '机盖未关',
  other_error: '其他故障',
};

export const printerErrors = {
  unreachable: (address: string): Err =>
    fail(
      'PRINTER_UNREACHABLE',
      `打印机无法连接（${address}），请检查打印机电源、网线/数据线和地址设置。`,
      `Printer unreachable (${address}); check power, cable and address.`,
    ),
  paperOut: (): Err =>
    fail(
      'PRINTER_PAPER_OUT',
      '打印机缺纸，请装纸后重试。',
      'The printer is out of paper; load paper and retry.',
    ),
  fault: (faults: readonly PrinterFault[]): Err =>
    fail(
      'PRINTER_FAULT',
      `打印机报告故障：${faults.map((f) => FAULT_ZH[f]).join('、')}，请处理后重试。`,
      `The printer reports: ${faults.join(', ')}.`,
    ),
  connectionLost: (address: string): Err =>
    fail(
      'PRINTER_CONNECTION_LOST',
      `打印过程中与打印机（${address}）的连接中断，请检查打印机后继续。`,
      `Connection to the printer (${address}) was lost while printing.`,
    ),
  notFound: (printerId: string): Err =>
    fail(
      'PRINTER_NOT_FOUND',
      `未找到打印机“${printerId}”，请先在设置中添加。`,
      `Printer ${printerId} is not configured.`,
      'printerId',
    ),
  spoolFailed: (detail: string): Err =>
    fail(
      'PRINTER_SPOOL_FAILED',
      '无法把标签发送到打印机或系统打印队列。',
      `Could not send the label to the printer: ${detail}`,
    ),
};
