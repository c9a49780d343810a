// Shared domain labels in the UI language (the catalogue and lifecycle carry zh + en).
import { findBusiness } from '../../shared/catalogue/index.ts';
import {
  isApplicationStatus,
  isStatusEventType,
  STATUS_EVENT_LABELS,
  STATUS_LABELS,
} from '../../shared/lifecycle/index.ts';
import { currentLang } from '../i18n/index.ts';

export function businessName(code: string): string {
  const found = findBusiness(code);
  if (!found.ok) return code;
  return currentLang() === 'en' ? found.value.nameEn : found.value.nameZh;
}

export function statusName(status: string): string {
  if (!isApplicationStatus(status)) return status;
  return STATUS_LABELS[status][currentLang()];
}

export function statusEventName(type: string): string {
  if (!isStatusEventType(type)) return type;
  return STATUS_EVENT_LABELS[type][currentLang()];
}
