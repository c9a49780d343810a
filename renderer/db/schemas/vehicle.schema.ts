// 号牌登记 on the client: the shared schema unchanged (owner encrypted at rest).
import { vehicleSchema } from '../../../shared/sync/schemas/vehicle.schema.ts';

export const vehicleClientSchema = vehicleSchema;
