// Keyed hashes ("blind indexes") for exact look-up of encrypted personal data: HMAC-SHA-256
// under the device's blind-index key over a normalised value, with a purpose prefix so an
// ID-number hash never equals a mobile hash of the same digits.
import { normalizeIdentifier } from '../../shared/validation/normalize.ts';
import { normalizePhone } from '../../shared/validation/mobile.ts';
import { phoneLast4 } from '../../shared/privacy/phone.ts';
import { assertKey, bufferOf, toHex } from './keys.ts';

export type BlindIndexPurpose = 'idNumber' | 'mobile';

export interface BlindIndexer {
  /** 64 hex chars; '' for a blank value (absent fields index as ''). */
  hash(purpose: BlindIndexPurpose, value: string | undefined): Promise<string>;
}

export function normalizeForIndex(purpose: BlindIndexPurpose, value: string): string {
  return purpose === 'mobile' ? normalizePhone(value) : normalizeIdentifier(value);
}

export async function createBlindIndexer(blindIndexKey: Uint8Array): Promise<BlindIndexer> {
  assertKey(blindIndexKey, 'blindIndexKey');
  const key = await crypto.subtle.importKey(
    'raw',
    bufferOf(blindIndexKey),
    { name: 'HMAC', hash: 'SHA-256' },
    false,
    ['sign'],
  );
  const encoder = new TextEncoder();
  return {
    async hash(purpose, value) {
      const normalized = value === undefined ? '' : normalizeForIndex(purpose, value);
      if (normalized === '') return '';
      const mac = await crypto.subtle.sign('HMAC', key, encoder.encode(`${purpose}:${normalized}`));
      return toHex(new Uint8Array(mac));
    },
  };
}

/** The client-only look-up fields of an application, derived from its personal data. */
export interface ApplicationLookupFields {
  blindIdNumber: string;
  blindMobile: string;
  blindRecipientMobile: string;
  mobileLast4: string;
  recipientMobileLast4: string;
}

interface PersonalParts {
  applicant: { idNumber: string; mobile?: string };
  recipient?: { mobile: string };
}

export async function applicationLookupFields(
  indexer: BlindIndexer,
  doc: PersonalParts,
): Promise<ApplicationLookupFields> {
  const mobile = doc.applicant.mobile ?? '';
  const recipientMobile = doc.recipient?.mobile ?? '';
  const [blindIdNumber, blindMobile, blindRecipientMobile] = await Promise.all([
    indexer.hash('idNumber', doc.applicant.idNumber),
    indexer.hash('mobile', mobile),
    indexer.hash('mobile', recipientMobile),
  ]);
  return {
    blindIdNumber,
    blindMobile,
    blindRecipientMobile,
    mobileLast4: phoneLast4(mobile),
    recipientMobileLast4: phoneLast4(recipientMobile),
  };
}
