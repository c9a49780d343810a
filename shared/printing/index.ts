// Printing contract for the renderer, the host and the main process: types,
// configuration checks and the pure label layouts.
export * from './types.ts';
export { checkLabelKey, checkReason, paperWidthFor, validatePrinterConfig } from './config.ts';
export { formatPrinterAddress, parsePrinterUri, type PrinterAddress } from './uri.ts';
export {
  layoutLabel,
  layoutTexts,
  formatWaybillNo,
  MIN_WAYBILL_BAR_HEIGHT_MM,
  receiptQrContent,
} from './layout/index.ts';
export type { LabelLayout, LayoutElement } from './layout/index.ts';
