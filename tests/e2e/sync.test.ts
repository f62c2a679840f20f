// Devices syncing through the real server: live updates between two signed-in browsers, offline
// edits of different fields of one record merging field by field, and a new device receiving
// everything on sign-in.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  appReady,
  device,
  finish,
  sameOrigin,
  startTally,
  type Device,
  type Tally,
} from './harness.ts';
import { addBill, billNames, editBill, signIn, todayIso, waitForSynced } from './flows.ts';

let tally: Tally;
let a: Device;
let b: Device;

beforeAll(async () => {
  tally = await startTally();
  await tally.addUser('alice');
  a = await device({ width: 1280, height: 900 });
  b = await device();
});

afterAll(() => finish(tally));

describe('two devices on one account', () => {
  it('see a record added on the other within 2 seconds', async () => {
    await signIn(a.page, tally.url, 'alice', 'Laptop');
    await signIn(b.page, tally.url, 'alice', 'Phone');
    await b.page.goto(`${tally.url}/bills`);
    await appReady(b.page);

    await addBill(a.page, tally.url, 'Rent', '1200', todayIso());
    const added = Date.now();
    await b.page.locator('main a.name', { hasText: 'Rent' }).waitFor({ timeout: 2000 });
    expect(Date.now() - added).toBeLessThanOrEqual(2000);
  });

  it('merge offline edits field by field and keep records added on both', async () => {
    await a.context.setOffline(true);
    await b.context.setOffline(true);
    await a.page.locator('[data-testid="sync-status"][data-status="offline"]').waitFor();

    await editBill(a.page, tally.url, 'Rent', 'Amount', '1350');
    await editBill(b.page, tally.url, 'Rent', 'Notes', 'Landlord prefers transfers');
    await addBill(a.page, tally.url, 'Water', '40', todayIso());
    await addBill(b.page, tally.url, 'Phone', '25', todayIso());

    await a.context.setOffline(false);
    await b.context.setOffline(false);
    await waitForSynced(a.page);
    await waitForSynced(b.page);

    for (const d of [a, b]) {
      await expect
        .poll(async () => (await billNames(d.page, tally.url)).sort(), { timeout: 10_000 })
        .toEqual(['Phone', 'Rent', 'Water']);
      await d.page.getByRole('link', { name: 'Rent', exact: true }).first().click();
      await d.page.getByRole('link', { name: 'Edit bill' }).click();
      await expect
        .poll(() => d.page.getByLabel('Amount', { exact: true }).inputValue(), { timeout: 10_000 })
        .toBe('1350.00');
      expect(await d.page.getByLabel('Notes', { exact: true }).inputValue()).toBe(
        'Landlord prefers transfers',
      );
    }
  });

  it('a new device signs in and receives everything, with progress for older data', async () => {
    // A payment from last year lives in last year's document, which a new device pulls on sign-in.
    await a.page.goto(`${tally.url}/bills`);
    await a.page.getByRole('link', { name: 'Rent', exact: true }).first().click();
    await a.page.getByRole('button', { name: 'Add payment' }).click();
    const lastYear = `${new Date().getUTCFullYear() - 1}-03-01`;
    await a.page.getByLabel('Paid on').fill(lastYear);
    await a.page.getByRole('button', { name: 'Save payment' }).click();
    await a.page.getByRole('dialog').waitFor({ state: 'detached' });
    await waitForSynced(a.page);

    const c = await device();
    await c.page.goto(`${tally.url}/settings/sync`);
    await appReady(c.page);
    // Record whether the progress bar ever shows while the new device pulls.
    await c.page.evaluate(() => {
      const w = window as Window & { sawProgress?: boolean };
      new MutationObserver(() => {
        if (document.querySelector('progress')) w.sawProgress = true;
      }).observe(document.body, { childList: true, subtree: true });
    });
    await c.page.getByLabel('Server address').fill(tally.url);
    await c.page.getByLabel('Username').fill('alice');
    await c.page.getByLabel('Password').fill('correct horse battery');
    await c.page.getByLabel('Name for this device').fill('Tablet');
    await c.page.getByRole('button', { name: 'Sign in' }).click();
    await waitForSynced(c.page);
    expect(
      await c.page.evaluate(() => (window as Window & { sawProgress?: boolean }).sawProgress),
    ).toBe(true);

    expect((await billNames(c.page, tally.url)).sort()).toEqual(['Phone', 'Rent', 'Water']);
    await c.page.getByRole('link', { name: 'Rent', exact: true }).first().click();
    await c.page
      .getByText(
        new Date(`${lastYear}T00:00:00Z`).toLocaleDateString('en-US', {
          month: 'short',
          day: 'numeric',
          year: 'numeric',
          timeZone: 'UTC',
        }),
      )
      .first()
      .waitFor();
    for (const d of [a, b, c]) expect(sameOrigin(d.requests, tally.url)).toEqual([]);
    await c.context.close();
  });
});
