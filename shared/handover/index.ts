// Handover and dispatch batches (交接/总包): kinds, the batch state machine, scanning with
// the document-against-waybill check (错证), sealing, receiving, differences, the events each
// step records and the manifest. Pure.
export * from './kinds.ts';
export * from './state.ts';
export * from './lookup.ts';
export * from './scan.ts';
export * from './batch.ts';
export * from './receive.ts';
export * from './events.ts';
export * from './manifest.ts';
