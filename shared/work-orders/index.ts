// Work orders (工单): exceptions and complaints raised from an item, a one-working-day
// deadline from the holiday calendar, assignment, notes, resolution, overdue flag. Pure.
export * from './kinds.ts';
export * from './work-order.ts';
export * from './merge.ts';
