// Client audit trail: the shared schema unchanged (append-only, no personal data).
import { auditSchema } from '../../../shared/sync/schemas/audit.schema.ts';

export const auditClientSchema = auditSchema;
