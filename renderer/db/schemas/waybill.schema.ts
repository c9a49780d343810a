// EMS waybill on the client: the shared schema unchanged.
import { waybillSchema } from '../../../shared/sync/schemas/waybill.schema.ts';

export const waybillClientSchema = waybillSchema;
