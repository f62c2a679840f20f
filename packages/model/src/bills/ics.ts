// Calendar export: upcoming bill occurrences as an iCalendar (RFC 5545) file. Each occurrence is
// an all-day event whose UID comes from the bill and the occurrence's scheduled date, so importing
// a newer export updates the events it already made (a snooze moves one, a skip cancels one)
// instead of adding copies. ical-generator does the escaping and 75-octet line folding; the
// export time (DTSTAMP) is passed in, so the same data always gives the same file.
import ical, { ICalEventStatus, ICalEventTransparency } from 'ical-generator';
import type { RecordOf } from '../collections.ts';
import * as dates from '../dates.ts';
import type { CalendarDate, Instant } from '../dates.ts';
import * as money from '../money.ts';
import type { DateRange } from './occurrences.ts';
import * as status from './status.ts';
import type { StatusOptions } from './status.ts';

type Bill = RecordOf<'bills'>;
type Override = RecordOf<'monthlyOverrides'>;
type Payment = RecordOf<'payments'>;

export interface CalendarEvent {
  uid: string;
  /** The day it is due (the snoozed date when snoozed). */
  date: CalendarDate;
  summary: string;
  description?: string;
  /** A skipped occurrence: exported as cancelled, so a calendar that had it drops it. */
  cancelled: boolean;
}

/** Where UIDs say they come from; any stable name works, it only has to never change. */
export const UID_DOMAIN = 'bills.tally.invalid';

/** The UID of an occurrence: the same on every export and every device. */
export function uidOf(billId: string, scheduled: CalendarDate, domain = UID_DOMAIN): string {
  return `${billId}-${scheduled}@${domain}`;
}

/** From today through the next `days` days: what an export of upcoming bills covers. */
export function upcomingRange(today: CalendarDate, days = 365): DateRange {
  return { from: today, to: dates.addDays(today, days) };
}

export interface EventOptions extends StatusOptions {
  /** For formatting amounts, e.g. `en-US` → "$1,234.56". */
  locale?: string;
  uidDomain?: string;
}

/**
 * The calendar events of every bill's occurrences due in `range`: "Rent — $1,200.00", with "✓ "
 * in front once paid. Skipped occurrences come as cancelled events, so a calendar that imported
 * them before drops them.
 */
export function events(
  bills: readonly Bill[],
  overrides: readonly Override[],
  payments: readonly Payment[],
  range: DateRange,
  today: CalendarDate,
  options: EventOptions = {},
): CalendarEvent[] {
  const byId = new Map(bills.map((b) => [b.id, b]));
  return status
    .statesForAll(bills, overrides, payments, range, today, options)
    .flatMap((s): CalendarEvent[] => {
      const bill = byId.get(s.occurrence.billId);
      if (!bill) return [];
      const o = s.occurrence;
      const amount = money.format(o.amount, o.currency, options.locale);
      const lines: string[] = [];
      if (o.snoozed) lines.push(`Snoozed from ${o.scheduled}.`);
      if (s.status === 'paid' && s.paidBy !== 'assumed') {
        lines.push(`Paid ${money.format(s.paidAmount, o.currency, options.locale)}.`);
      }
      if (o.note) lines.push(o.note);
      const event: CalendarEvent = {
        uid: uidOf(bill.id, o.scheduled, options.uidDomain),
        date: o.due,
        summary: `${s.status === 'paid' ? '✓ ' : ''}${bill.name} — ${amount}`,
        cancelled: s.status === 'skipped',
      };
      if (lines.length > 0) event.description = lines.join('\n');
      return [event];
    });
}

export interface IcsOptions {
  /** The export time, for every event's DTSTAMP. */
  stamp: Instant;
  calendarName?: string;
}

/** The events as an iCalendar file (CRLF line ends, folded at 75 octets). */
export function toIcs(list: readonly CalendarEvent[], options: IcsOptions): string {
  const calendar = ical({
    name: options.calendarName ?? 'Tally bills',
    prodId: { company: 'Tally', product: 'Bills', language: 'EN' },
  });
  const stamp = new Date(options.stamp);
  for (const e of list) {
    calendar.createEvent({
      id: e.uid,
      allDay: true,
      start: utcDay(e.date),
      // The day after: all-day events end exclusively, and some calendars want an end.
      end: utcDay(dates.addDays(e.date, 1)),
      stamp,
      summary: e.summary,
      description: e.description ?? null,
      status: e.cancelled ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
      // A reminder, not a meeting: the day stays free.
      transparency: ICalEventTransparency.TRANSPARENT,
    });
  }
  const text = calendar.toString();
  // RFC 5545 ends every content line, the last one too, with CRLF.
  return text.endsWith('\r\n') ? text : `${text}\r\n`;
}

/** Midnight UTC of a date: ical-generator writes all-day dates from the UTC fields. */
function utcDay(date: CalendarDate): Date {
  const p = dates.parts(date);
  return new Date(Date.UTC(p.year, p.month - 1, p.day));
}
