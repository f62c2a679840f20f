// The calendar file of upcoming bill due dates (the next 12 months), from the projections.
import { dates } from '@tally/model';
import type { RecordOf } from '@tally/model';
import type { TallyDB } from '../store/schema.ts';

export interface BillCalendar {
  text: string;
  events: number;
}

export async function upcomingBillsIcs(
  db: TallyDB,
  options: { today: string; now: number; locale: string; dueSoonDays: number },
): Promise<BillCalendar> {
  // The writer is only needed here: load it on demand.
  const ics = await import('@tally/model/bills/ics');
  // Projection rows are validated records.
  const bills = (await db.bills.toArray()) as unknown as RecordOf<'bills'>[];
  const overrides = (await db.monthlyOverrides.toArray()) as unknown as RecordOf<'monthlyOverrides'>[];
  // Older payments cannot pay an upcoming occurrence (matching looks ±14 days around it).
  const payments = (await db.payments
    .where('date')
    .aboveOrEqual(dates.addDays(options.today, -62))
    .toArray()) as unknown as RecordOf<'payments'>[];
  const events = ics.events(
    bills,
    overrides,
    payments,
    ics.upcomingRange(options.today, 365),
    options.today,
    { locale: options.locale, dueSoonDays: options.dueSoonDays },
  );
  return { text: ics.toIcs(events, { stamp: options.now }), events: events.length };
}
