// Each module's core flow in the production build, ending offline: what the user did is still
// there after a reload with no network.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appReady, finish, openApp, type Device, type Tally } from './harness.ts';
import { addBill, todayIso } from './flows.ts';

let tally: Tally;
let d: Device;

beforeAll(async () => ({ tally, d } = await openApp()));

afterAll(() => finish(tally));

/** Seconds shown by the timer ("H:MM:SS"). */
async function elapsedSeconds(): Promise<number> {
  const text = (await d.page.getByRole('timer', { name: 'Elapsed time' }).textContent()) ?? '';
  const [h, m, s] = text.trim().split(':').map(Number);
  return (h ?? 0) * 3600 + (m ?? 0) * 60 + (s ?? 0);
}

describe('Bills', () => {
  it('add a bill, see it in the tracker, mark it paid, reload offline: still paid', async () => {
    await addBill(d.page, tally.url, 'Electricity', '84.20', todayIso());
    await d.page.goto(`${tally.url}/bills`);
    const row = d.page
      .locator('main li', { has: d.page.locator('a.name', { hasText: 'Electricity' }) })
      .first();
    await row.waitFor();
    await d.page.getByRole('button', { name: /Mark Electricity paid/ }).click();
    await d.page.getByText('Electricity marked paid: $84.20.').waitFor();
    await row.getByText('Paid', { exact: true }).waitFor();

    await d.context.setOffline(true);
    await d.page.reload();
    await appReady(d.page);
    await d.page
      .locator('main li', { has: d.page.locator('a.name', { hasText: 'Electricity' }) })
      .first()
      .getByText('Paid', { exact: true })
      .waitFor();
    await d.context.setOffline(false);
  });
});

describe('Time', () => {
  it('start the timer, reload offline: still running with the right time; stop: in today’s list and the week', async () => {
    await d.page.goto(`${tally.url}/time`);
    await appReady(d.page);
    await d.page.getByLabel('Timer description').fill('Write the quarterly report');
    const started = Date.now();
    await d.page.getByRole('button', { name: 'Start timer' }).click();
    await d.page.getByRole('timer', { name: 'Elapsed time' }).waitFor();

    await d.context.setOffline(true);
    await d.page.reload();
    await appReady(d.page);
    await d.page.getByRole('timer', { name: 'Elapsed time' }).waitFor();
    // Derived from the stored start, so after the reload it shows the time since the click.
    await expect.poll(elapsedSeconds, { timeout: 5000 }).toBeGreaterThanOrEqual(2);
    const shown = await elapsedSeconds();
    expect(Math.abs(shown - (Date.now() - started) / 1000)).toBeLessThanOrEqual(2);

    await d.page.getByRole('button', { name: 'Stop timer' }).click();
    await d.page.getByRole('button', { name: 'Start timer' }).waitFor();
    const today = d.page.getByRole('region', { name: 'Today' });
    await today.getByRole('listitem', { name: /Write the quarterly report/ }).waitFor();

    await d.page.goto(`${tally.url}/time/week`);
    await appReady(d.page);
    const filled = (): Promise<string[]> =>
      d.page
        .getByRole('textbox', { name: /^No project, / })
        .evaluateAll((cells) =>
          cells.map((c) => (c as HTMLInputElement).value).filter((v) => v !== ''),
        );
    // A few seconds of work show as H:MM:SS in today's cell of the "No project" row.
    await expect.poll(filled, { timeout: 5000 }).toEqual([expect.stringMatching(/^0:00:\d\d$/)]);
    await d.context.setOffline(false);
  });
});
