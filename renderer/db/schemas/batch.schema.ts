// Handover / dispatch batches on the client: the shared schema unchanged.
import { batchSchema } from '../../../shared/sync/schemas/batch.schema.ts';

export const batchClientSchema = batchSchema;
