// The after-intake screens' strings: registered with i18next under the namespace
// 'afterIntake' (so the shell and tools can see them) and read through a typed hook.
import i18next from 'i18next';
import { useTranslation } from 'react-i18next';
import type { Lang } from '../../../../shared/result.ts';
import { afterIntakeEn } from './en.ts';
import type { AfterIntakeMessages } from './types.ts';
import { afterIntakeZhCN } from './zh-CN.ts';

export type { AfterIntakeMessages } from './types.ts';

export const AFTER_INTAKE_NS = 'afterIntake';

export const afterIntakeResources: {
  readonly 'zh-CN': AfterIntakeMessages;
  readonly en: AfterIntakeMessages;
} = {
  'zh-CN': afterIntakeZhCN,
  en: afterIntakeEn,
};

/** Adds the bundles to i18next once it is initialised (idempotent). */
export function registerAfterIntakeI18n(instance = i18next): void {
  for (const [lng, bundle] of Object.entries(afterIntakeResources)) {
    if (!instance.hasResourceBundle(lng, AFTER_INTAKE_NS))
      instance.addResourceBundle(lng, AFTER_INTAKE_NS, bundle, true, false);
  }
}

/** `{{name}}` placeholders filled from `values`. */
export function fmt(
  template: string,
  values: Readonly<Record<string, string | number>> = {},
): string {
  return template.replace(/\{\{(\w+)\}\}/g, (_, key: string) => String(values[key] ?? ''));
}

export interface AfterIntakeText {
  readonly m: AfterIntakeMessages;
  readonly lang: Lang;
  /** zh or en of a `{ zh, en }` label pair (shared modules carry both). */
  readonly pick: (label: { readonly zh: string; readonly en: string }) => string;
}

/** The catalogue in the UI's current language; re-renders when the language changes. */
export function useAfterIntakeText(): AfterIntakeText {
  const { i18n } = useTranslation();
  const lang: Lang = i18n.language === 'en' ? 'en' : 'zh';
  return {
    m: lang === 'en' ? afterIntakeEn : afterIntakeZhCN,
    lang,
    pick: (label) => (lang === 'en' ? label.en : label.zh),
  };
}
