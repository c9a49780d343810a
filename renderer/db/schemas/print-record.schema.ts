// Print ledger mirror: the shared schema unchanged (append-only).
import { printRecordSchema } from '../../../shared/sync/schemas/print-record.schema.ts';

export const printRecordClientSchema = printRecordSchema;
