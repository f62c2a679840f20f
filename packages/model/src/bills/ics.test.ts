import ICAL from 'ical.js';
import { describe, expect, it } from 'vitest';
import * as ics from './ics.ts';
import { bill, override, payment } from './test-records.ts';

const STAMP = Date.UTC(2026, 2, 1, 8, 30, 0);
const range = { from: '2026-03-01', to: '2026-04-30' };
const today = '2026-03-01';

const rent = bill({ name: 'Rent, flat; Berlin', anchorDate: '2026-01-31', dueDay: 31 });
const phone = bill({ name: 'Phone', anchorDate: '2026-01-15', amount: 1299, currency: 'EUR' });
const tax = bill({
  name: 'Car tax',
  cycle: 'annual',
  anchorDate: '2025-04-02',
  amount: 30000,
  currency: 'JPY',
});
const bills = [rent, phone, tax];

interface Parsed {
  uid: string;
  start: string;
  isDate: boolean;
  end: string;
  summary: string;
  description: string | null;
  status: unknown;
  stamp: string;
}

function parse(text: string): Parsed[] {
  const calendar = ICAL.Component.fromString(text);
  return calendar.getAllSubcomponents('vevent').map((v) => {
    const e = new ICAL.Event(v);
    return {
      uid: e.uid,
      start: e.startDate.toString(),
      isDate: e.startDate.isDate,
      end: e.endDate.toString(),
      summary: e.summary,
      description: e.description,
      status: v.getFirstPropertyValue('status'),
      stamp: String(v.getFirstPropertyValue('dtstamp')),
    };
  });
}

function exportIcs(
  overrides: Parameters<typeof ics.events>[1] = [],
  payments: Parameters<typeof ics.events>[2] = [],
): string {
  const list = ics.events(bills, overrides, payments, range, today, { locale: 'en-US' });
  return ics.toIcs(list, { stamp: STAMP });
}

describe('ICS export', () => {
  it('writes all-day events with stable UIDs and the amount in the summary', () => {
    const text = exportIcs();
    expect(text).toContain('DTSTART;VALUE=DATE:20260331\r\n');
    expect(parse(text)).toEqual([
      {
        uid: `${phone.id}-2026-03-15@${ics.UID_DOMAIN}`,
        start: '2026-03-15',
        isDate: true,
        end: '2026-03-16',
        summary: 'Phone — €12.99',
        description: null,
        status: 'CONFIRMED',
        stamp: '2026-03-01T08:30:00Z',
      },
      expect.objectContaining({ start: '2026-03-31', summary: 'Rent, flat; Berlin — $1,200.00' }),
      expect.objectContaining({ start: '2026-04-02', summary: 'Car tax — ¥30,000' }),
      expect.objectContaining({ start: '2026-04-15', summary: 'Phone — €12.99' }),
      expect.objectContaining({
        uid: ics.uidOf(rent.id, '2026-04-30'),
        start: '2026-04-30',
        end: '2026-05-01',
      }),
    ]);
  });

  it('keeps each UID when a month is snoozed, skipped or paid, so a re-import updates', () => {
    const before = parse(exportIcs());
    const after = parse(
      exportIcs(
        [
          override(rent.id, '2026-03', { snoozeUntil: '2026-04-03', note: 'Waiting for payday' }),
          override(phone.id, '2026-04', { skip: true }),
        ],
        [
          payment(phone.id, '2026-03-14', {
            occurrence: '2026-03-15',
            amount: 1299,
            currency: 'EUR',
          }),
        ],
      ),
    );
    expect(after.map((e) => e.uid).sort()).toEqual(before.map((e) => e.uid).sort());
    const byUid = new Map(after.map((e) => [e.uid, e]));
    expect(byUid.get(ics.uidOf(rent.id, '2026-03-31'))).toMatchObject({
      start: '2026-04-03',
      description: 'Snoozed from 2026-03-31.\nWaiting for payday',
    });
    expect(byUid.get(ics.uidOf(phone.id, '2026-04-15'))).toMatchObject({ status: 'CANCELLED' });
    expect(byUid.get(ics.uidOf(phone.id, '2026-03-15'))).toMatchObject({
      summary: '✓ Phone — €12.99',
      description: 'Paid €12.99.',
    });
  });

  it('folds long lines at 75 octets without splitting a character, and escapes text', () => {
    const long = bill({
      name: `Électricité, gaz; eau \\ ${'ünïcödé ✓ '.repeat(12)}`.trim().slice(0, 200),
      anchorDate: '2026-03-20',
    });
    const text = ics.toIcs(ics.events([long], [], [], range, today, { locale: 'en-US' }), {
      stamp: STAMP,
    });
    expect(text.endsWith('\r\n')).toBe(true);
    const lines = text.split('\r\n').slice(0, -1);
    const encoder = new TextEncoder();
    for (const line of lines) expect(encoder.encode(line).length).toBeLessThanOrEqual(75);
    expect(lines.some((l) => l.startsWith(' '))).toBe(true);
    expect(text).toContain('Électricité\\, gaz\\; eau \\\\ ');
    expect(text).not.toMatch(/[^\r]\n/);
    expect(parse(text)[0]?.summary).toBe(`${long.name} — $1,200.00`);
  });

  it('gives the same file for the same data and export time', () => {
    expect(exportIcs()).toBe(exportIcs());
    const list = ics.events(bills, [], [], range, today, { locale: 'en-US' });
    expect(ics.toIcs(list, { stamp: STAMP + 1000 })).not.toBe(exportIcs());
  });

  it('covers a year from today by default', () => {
    expect(ics.upcomingRange('2028-02-29')).toEqual({ from: '2028-02-29', to: '2029-02-28' });
    expect(ics.upcomingRange('2026-12-31', 1)).toEqual({ from: '2026-12-31', to: '2027-01-01' });
  });

  it('writes an empty calendar when nothing is due', () => {
    const text = ics.toIcs([], { stamp: STAMP, calendarName: 'Nothing' });
    const calendar = ICAL.Component.fromString(text);
    expect(calendar.getAllSubcomponents('vevent')).toEqual([]);
    expect(calendar.getFirstPropertyValue('x-wr-calname')).toBe('Nothing');
  });
});
