export * from './collections.ts';
export * from './protocol.ts';
