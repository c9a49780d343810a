// The message catalogue's shape, derived from the Chinese original.
import type { zhCN } from './zh-CN.ts';

type Widen<T> = { readonly [K in keyof T]: T[K] extends string ? string : Widen<T[K]> };

export type Messages = Widen<typeof zhCN>;
export type UiLanguage = 'zh-CN' | 'en';
