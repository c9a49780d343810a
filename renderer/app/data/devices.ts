// Devices the host drives for the UI: the ID-card reader.
import type { IdCardData } from '../../../shared/host/types.ts';
import type { Result } from '../../../shared/result.ts';
import { call } from './host.ts';

export function readIdCard(): Promise<Result<IdCardData>> {
  return call((h) => h.idCard.read());
}
