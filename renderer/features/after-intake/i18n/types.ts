import type { afterIntakeZhCN } from './zh-CN.ts';

type Widen<T> = { readonly [K in keyof T]: T[K] extends string ? string : Widen<T[K]> };

/** The catalogue's shape, from the Chinese original. */
export type AfterIntakeMessages = Widen<typeof afterIntakeZhCN>;
