// Delivery promises: due times from the SLA tier, at-risk and overdue lists, the postage
// refund flag for overdue items ("three 100%"), due-time display and item timelines. Pure.
export * from './events.ts';
export * from './clock.ts';
export * from './promise.ts';
export * from './display.ts';
