// Sorting (分拣): a sort code per item and a sort list per batch. Pure.
export * from './sort-code.ts';
export * from './sort-list.ts';
