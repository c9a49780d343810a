// Losing versions of resolved conflicts: the shared schema unchanged (`losing` encrypted).
import { conflictSchema } from '../../../shared/sync/schemas/conflict.schema.ts';

export const conflictClientSchema = conflictSchema;
