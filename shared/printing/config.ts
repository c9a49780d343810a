// Validation of printer configurations and label keys (pure; used by the
// service and by the settings screen).
import { fail, ok, type Result } from '../result.ts';
import { LABEL_KINDS, type LabelKind, type PrinterConfig } from './types.ts';
import { parsePrinterUri } from './uri.ts';

/** ASCII only: label keys are written to the ledger and must never hold personal data. */
const LABEL_KEY = /^[A-Za-z0-9][A-Za-z0-9:_.-]{0,79}$/u;
const PRINTER_ID = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,39}$/u;

export function checkLabelKey(labelKey: string): Result<string> {
  return LABEL_KEY.test(labelKey)
    ? ok(labelKey)
    : fail(
        'LABEL_KEY_INVALID',
        '标签编号只能包含字母、数字和 : _ . -（如 waybill:EA123456785CN）',
        'Label key must be ASCII letters, digits and : _ . - (e.g. waybill:EA123456785CN)',
        'labelKey',
      );
}

export function checkReason(reason: string, field = 'reason'): Result<string> {
  const trimmed = reason.trim();
  if (trimmed === '') return fail('REASON_REQUIRED', '请填写原因', 'A reason is required', field);
  if (trimmed.length > 200)
    return fail(
      'REASON_TOO_LONG',
      '原因不能超过 200 字',
      'Reason is longer than 200 characters',
      field,
    );
  return ok(trimmed);
}

/** Paper width a label kind needs, in mm. */
export function paperWidthFor(kind: LabelKind): number {
  return kind === 'ems100x150' ? 100 : kind === 'ems76x130' ? 76 : 80;
}

export function validatePrinterConfig(config: PrinterConfig): Result<PrinterConfig> {
  if (!PRINTER_ID.test(config.id)) {
    return fail(
      'PRINTER_ID',
      '打印机编号只能包含字母和数字',
      'Printer id must be ASCII letters and digits',
      'id',
    );
  }
  if (config.name.trim() === '')
    return fail('PRINTER_NAME', '请填写打印机名称', 'Printer name is required', 'name');
  const address = parsePrinterUri(config.uri);
  if (!address.ok) return address;
  if (!['escpos', 'tspl', 'os'].includes(config.driver)) {
    return fail(
      'PRINTER_DRIVER',
      '打印机类型只能是 ESC/POS、TSPL 或系统打印',
      'Driver must be escpos, tspl or os',
      'driver',
    );
  }
  if (config.driver === 'os' && address.value.scheme !== 'os') {
    return fail(
      'PRINTER_DRIVER',
      '系统打印只能用于 os: 地址',
      "The 'os' driver needs an os: address",
      'driver',
    );
  }
  if (config.dpi !== 203 && config.dpi !== 300) {
    return fail(
      'PRINTER_DPI',
      '打印分辨率只能是 203 或 300 dpi',
      'Resolution must be 203 or 300 dpi',
      'dpi',
    );
  }
  if (!(config.widthMm >= 40 && config.widthMm <= 120)) {
    return fail(
      'PRINTER_WIDTH',
      '纸宽应在 40–120 毫米之间',
      'Paper width must be 40–120 mm',
      'widthMm',
    );
  }
  if (
    config.labelKinds.length === 0 ||
    config.labelKinds.some((k) => !(LABEL_KINDS as readonly string[]).includes(k))
  ) {
    return fail(
      'PRINTER_LABEL_KINDS',
      '请选择该打印机可打印的标签类型',
      'Choose the label kinds this printer prints',
      'labelKinds',
    );
  }
  const tooWide = config.labelKinds.find((k) => paperWidthFor(k) > config.widthMm + 0.5);
  if (tooWide !== undefined) {
    return fail(
      'PRINTER_LABEL_TOO_WIDE',
      `纸宽 ${config.widthMm} 毫米放不下 ${tooWide} 标签`,
      `Paper ${config.widthMm} mm is too narrow for ${tooWide}`,
      'labelKinds',
    );
  }
  if (
    config.density !== undefined &&
    !(Number.isInteger(config.density) && config.density >= 0 && config.density <= 15)
  ) {
    return fail('PRINTER_DENSITY', '打印浓度应为 0–15', 'Density must be 0–15', 'density');
  }
  if (config.gapMm !== undefined && !(config.gapMm >= 0 && config.gapMm <= 10)) {
    return fail('PRINTER_GAP', '标签间隙应为 0–10 毫米', 'Label gap must be 0–10 mm', 'gapMm');
  }
  return ok({ ...config, name: config.name.trim(), uri: config.uri.trim() });
}
