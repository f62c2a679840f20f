import { describe, expect, it } from 'vitest';
import type { InputOf } from '../collections.ts';
import * as autopay from './autopay.ts';
import { bill, override, payment } from './test-records.ts';

const today = '2026-03-10';
const autopayBill = (fields: Partial<InputOf<'bills'>> = {}) =>
  bill({
    cycle: 'monthly',
    anchorDate: '2025-01-05',
    autopay: 'confirmed',
    autopayVerifiedOn: '2026-02-01',
    ...fields,
  });

describe('autopay trust', () => {
  it('scores the last 12 occurrences due by today: 12/12 when nothing says otherwise', () => {
    expect(autopay.trust(autopayBill(), [], [], today)).toEqual({
      enabled: true,
      paid: 12,
      of: 12,
      failures: 0,
      label: '12/12',
      level: 'ok',
      nudge: false,
      daysSinceVerified: 37,
    });
  });

  it('drops to 11/12 with a warning after a recorded failure, even when paid by hand after', () => {
    const b = autopayBill();
    const payments = [
      payment(b.id, '2025-10-05', {
        occurrence: '2025-10-05',
        method: 'autopay',
        autopayFailed: true,
      }),
      payment(b.id, '2025-10-07', { occurrence: '2025-10-05', method: 'manual' }),
    ];
    expect(autopay.trust(b, [], payments, today)).toMatchObject({
      paid: 11,
      of: 12,
      failures: 1,
      label: '11/12',
      level: 'warning',
      lastFailure: '2025-10-05',
    });
  });

  it('forgets a failure older than the last 12 occurrences', () => {
    const b = autopayBill();
    const failed = payment(b.id, '2025-02-05', {
      occurrence: '2025-02-05',
      method: 'autopay',
      autopayFailed: true,
    });
    expect(autopay.trust(b, [], [failed], today)).toMatchObject({ label: '12/12', failures: 0 });
  });

  it('warns when an occurrence was paid another way', () => {
    const b = autopayBill();
    const byHand = payment(b.id, '2026-01-05', { occurrence: '2026-01-05', method: 'card' });
    expect(autopay.trust(b, [], [byHand], today)).toMatchObject({
      label: '11/12',
      failures: 0,
      level: 'warning',
    });
  });

  it('leaves skipped months out, reaching one further back', () => {
    const b = autopayBill();
    const records = [override(b.id, '2026-02', { skip: true })];
    const failed = payment(b.id, '2025-03-05', {
      occurrence: '2025-03-05',
      method: 'autopay',
      autopayFailed: true,
    });
    expect(autopay.trust(b, records, [failed], today)).toMatchObject({
      label: '11/12',
      failures: 1,
    });
  });

  it('counts what there is for a new bill', () => {
    const b = autopayBill({ anchorDate: '2026-02-05' });
    expect(autopay.trust(b, [], [], today)).toMatchObject({ label: '2/2', level: 'ok' });
  });

  it('counts weeks for a weekly bill', () => {
    const b = autopayBill({ cycle: 'weekly', anchorDate: '2025-06-02' });
    const failed = payment(b.id, '2025-12-15', {
      occurrence: '2025-12-15',
      method: 'autopay',
      autopayFailed: true,
    });
    // Twelve Mondays back from March 9 reach December 22: the failure is older.
    expect(autopay.trust(b, [], [failed], today)).toMatchObject({ label: '12/12', failures: 0 });
  });

  it('gives no badge while autopay is off, or pending with nothing paid by it', () => {
    expect(autopay.trust(autopayBill({ autopay: 'off' }), [], [], today)).toMatchObject({
      enabled: false,
      level: 'none',
      nudge: false,
    });
    expect(autopay.trust(autopayBill({ autopay: 'pending' }), [], [], today)).toMatchObject({
      enabled: true,
      label: '0/12',
      level: 'none',
    });
  });

  it('credits a pending autopay with the payments it really made', () => {
    const b = autopayBill({ autopay: 'pending', anchorDate: '2026-01-05' });
    const payments = ['2026-01-05', '2026-02-05', '2026-03-05'].map((d) =>
      payment(b.id, d, { method: 'autopay' }),
    );
    expect(autopay.trust(b, [], payments, today)).toMatchObject({ label: '3/3', level: 'ok' });
  });

  it.each([
    ['2025-12-10', 90, false],
    ['2025-12-09', 91, true],
    [undefined, undefined, true],
  ])('verified on %s (%s days ago): nudge %s', (verifiedOn, days, nudge) => {
    const result = autopay.trust(autopayBill({ autopayVerifiedOn: verifiedOn }), [], [], today);
    expect(result.nudge).toBe(nudge);
    expect(result.daysSinceVerified).toBe(days);
  });

  it('confirms by hand with today’s date', () => {
    expect(autopay.confirmPatch(today)).toEqual({
      autopay: 'confirmed',
      autopayVerifiedOn: today,
    });
  });
});
