// Two devices, each offline: one marks a bill paid, the other changes the bill's amount (and both
// touch the same month). After they exchange updates, both edits are kept and both devices see
// the same tracker.
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { Collection } from '../collection.ts';
import { collections, type RecordOf } from '../collections.ts';
import { docNameFor } from '../documents.ts';
import { testClock, testIds } from '../testing.ts';
import * as occ from './occurrences.ts';
import * as overrides from './overrides.ts';
import * as status from './status.ts';

class Device {
  readonly docs = new Map<string, Y.Doc>();
  readonly origin: { device: string };

  constructor(name: string) {
    this.origin = { device: name };
  }

  doc(name: string): Y.Doc {
    let doc = this.docs.get(name);
    if (!doc) this.docs.set(name, (doc = new Y.Doc()));
    return doc;
  }

  bills(): Collection<'bills'> {
    return new Collection(this.doc('bills'), 'bills', 'bills', this.origin);
  }

  bill(id: string): RecordOf<'bills'> {
    const bill = this.bills().get(id);
    if (!bill) throw new Error(`${this.origin.device} has no bill ${id}`);
    return bill;
  }

  overrides(): Collection<'monthlyOverrides'> {
    return new Collection(this.doc('bills'), 'bills', 'monthlyOverrides', this.origin);
  }

  payments(docName: string): Collection<'payments'> {
    return new Collection(this.doc(docName), docName, 'payments', this.origin);
  }
}

/** Both ways, through state vectors, the way the sync protocol catches devices up. */
function exchange(a: Device, b: Device): void {
  for (const name of new Set([...a.docs.keys(), ...b.docs.keys()])) {
    const da = a.doc(name);
    const db = b.doc(name);
    Y.applyUpdate(db, Y.encodeStateAsUpdate(da, Y.encodeStateVector(db)), 'remote');
    Y.applyUpdate(da, Y.encodeStateAsUpdate(db, Y.encodeStateVector(da)), 'remote');
  }
}

describe('two devices offline', () => {
  it('keep both a payment and an amount change, and agree on what is paid', () => {
    const phone = new Device('phone');
    const laptop = new Device('laptop');
    const phoneIds = testIds(11, testClock(Date.UTC(2026, 2, 10, 9)));
    const laptopIds = testIds(12, testClock(Date.UTC(2026, 2, 10, 9)));

    const billId = phoneIds.next();
    expect(
      phone.bills().create(billId, {
        name: 'Power',
        amount: 5000,
        currency: 'USD',
        cycle: 'monthly',
        anchorDate: '2026-01-05',
      }).ok,
    ).toBe(true);
    exchange(phone, laptop);

    // Offline. The phone marks March paid (and skips April); the laptop raises the amount (and
    // sets April's amount).
    const paymentId = phoneIds.next();
    const paymentsDoc = docNameFor(collections.payments.placement, paymentId);
    expect(paymentsDoc).toBe('payments.2026');
    const march = occ.onDate(phone.bill(billId), [], '2026-03-05');
    expect(
      phone.payments(paymentsDoc).create(paymentId, {
        billId,
        occurrence: march?.scheduled,
        date: '2026-03-04',
        amount: march?.amount ?? 0,
        currency: 'USD',
      }).ok,
    ).toBe(true);
    for (const w of overrides.planEdit(phone.overrides().all(), billId, '2026-04', {
      skip: true,
    })) {
      if (w.kind === 'create') phone.overrides().create(phoneIds.next(), w.input);
    }
    expect(laptop.bills().update(billId, { amount: 6500, notes: 'new tariff' }).ok).toBe(true);
    for (const w of overrides.planEdit(laptop.overrides().all(), billId, '2026-04', {
      note: 'meter check',
    })) {
      if (w.kind === 'create') laptop.overrides().create(laptopIds.next(), w.input);
    }

    exchange(phone, laptop);

    const views = [phone, laptop].map((device) => {
      const bill = device.bill(billId);
      expect(bill).toMatchObject({ amount: 6500, notes: 'new tariff' });
      return status
        .states(
          bill,
          device.overrides().all(),
          device.payments(paymentsDoc).all(),
          { from: '2026-03-01', to: '2026-05-31' },
          '2026-03-10',
        )
        .map((s) => ({
          scheduled: s.occurrence.scheduled,
          status: s.status,
          amount: s.occurrence.amount,
          paidAmount: s.paidAmount,
          note: s.occurrence.note,
        }));
    });
    expect(views[0]).toEqual(views[1]);
    expect(views[0]).toEqual([
      // Paid at the old price; the bill now expects the new one.
      { scheduled: '2026-03-05', status: 'paid', amount: 6500, paidAmount: 5000, note: undefined },
      {
        scheduled: '2026-04-05',
        status: 'skipped',
        amount: 6500,
        paidAmount: 0,
        note: 'meter check',
      },
      { scheduled: '2026-05-05', status: 'upcoming', amount: 6500, paidAmount: 0, note: undefined },
    ]);
  });
});
