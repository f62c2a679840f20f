// Activities end to end: import two real fixture files through the page, see them in the list and
// the yearly totals, reload offline, still there. Needs the third-party corpus (TALLY_FIXTURES).
import { join } from 'node:path';
import { afterAll, beforeAll, it } from 'vitest';
import { describeWithFixtures, fixturesDir } from '../fixtures.ts';
import { appReady, finish, openApp, type Device, type Tally } from './harness.ts';

let tally: Tally;
let d: Device;

beforeAll(async () => ({ tally, d } = await openApp()));

afterAll(() => finish(tally));

describeWithFixtures('importing activity files', () => {
  it('imports a FIT and a GPX file, lists them, totals them, and keeps them offline', async () => {
    await d.page.goto(`${tally.url}/activities/import`);
    await appReady(d.page);
    await d.page
      .getByLabel('Choose activity files')
      .setInputFiles([
        join(fixturesDir, 'activities/fit/garmin-fenix-5-run.fit'),
        join(fixturesDir, 'activities/gpx/run.gpx'),
      ]);
    await d.page.getByText('Import finished: 2 imported.').waitFor({ timeout: 60_000 });

    await d.page.getByRole('link', { name: 'See your activities' }).click();
    await d.page.getByText('2 activities in your log').waitFor();

    await d.page.goto(`${tally.url}/activities/totals?period=year`);
    await appReady(d.page);
    const table = d.page.locator('main table');
    await table.getByText('2017').first().waitFor();
    await table.getByText('2012').first().waitFor();

    // The same file again is recognised, not stored twice.
    await d.page.goto(`${tally.url}/activities/import`);
    await appReady(d.page);
    await d.page
      .getByLabel('Choose activity files')
      .setInputFiles(join(fixturesDir, 'activities/fit/garmin-fenix-5-run.fit'));
    await d.page.getByText(/Import finished: .*1 already imported/).waitFor({ timeout: 60_000 });

    await d.context.setOffline(true);
    await d.page.goto(`${tally.url}/activities`);
    await appReady(d.page);
    await d.page.getByText('2 activities in your log').waitFor();
    await d.context.setOffline(false);
  });
});
