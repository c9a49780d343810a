// Status events on the client: the shared schema unchanged (append-only).
import { eventSchema } from '../../../shared/sync/schemas/event.schema.ts';

export const eventClientSchema = eventSchema;
