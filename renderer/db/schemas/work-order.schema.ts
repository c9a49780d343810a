// 工单 on the client: the shared schema unchanged.
import { workOrderSchema } from '../../../shared/sync/schemas/work-order.schema.ts';

export const workOrderClientSchema = workOrderSchema;
