// Waybills that got their number after the intake (the pool was empty) are queued for print:
// printed as soon as this device has a number and a working printer.
import type { StaffSession } from '../../stores/session.ts';
import { data } from './db.ts';
import { printIntakeLabels } from './intake.ts';

let busy = false;

export async function printPendingWaybills(session: StaffSession): Promise<number> {
  if (busy) return 0;
  busy = true;
  try {
    const store = data();
    const waiting = await store.db.waybills
      .find({ selector: { state: 'pending_print', deviceId: store.context.deviceId } })
      .exec();
    let printed = 0;
    for (const waybill of waiting) {
      const outcome = await printIntakeLabels(waybill.applicationId, session);
      if (outcome.printError) break; // printer down: try again on the next round
      if (outcome.waybillPrinted) printed += 1;
    }
    return printed;
  } finally {
    busy = false;
  }
}
