// The adapter shape every ID-card reader implements (simulator, vendor HTTP service,
// or a vendor SDK bound natively). docs/SECURITY.md and the report describe adding one.
import type { IdCardData, IdCardReaderStatus } from '../../shared/host/types.ts';
import type { Result } from '../../shared/result.ts';

export interface IdCardReader {
  status(): Promise<Result<IdCardReaderStatus>>;
  /** Reads the card on the reader; `IDCARD_NO_CARD` when none is placed. */
  read(): Promise<Result<IdCardData>>;
}
