// The application lifecycle (受理单状态) as a pure state machine plus an event fold.
export * from './status.ts';
export * from './events.ts';
