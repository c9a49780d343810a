// Supervisor reports: pure aggregation of synced documents (volumes by business, mail
// conversion with decline reasons, promise compliance, exceptions, labels printed/voided)
// by day/week/month or station/clerk/van stop; table, CSV and the daily slip. Pure.
export * from './keys.ts';
export * from './aggregate.ts';
export * from './table.ts';
export * from './daily.ts';
