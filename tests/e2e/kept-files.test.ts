// Kept activity files synced by choice: a laptop imports a GPX file keeping the original and with
// "sync kept files" on; a phone signed in to the same account draws the route from the copy on
// the user's own sync server. Needs the third-party corpus (TALLY_FIXTURES).
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, it } from 'vitest';
import { describeWithFixtures, fixturesDir } from '../fixtures.ts';
import { expectEventually, signIn } from './flows.ts';
import { appReady, device, finish, startTally, type Device, type Tally } from './harness.ts';

let tally: Tally;
let laptop: Device;
let phone: Device;

beforeAll(async () => {
  tally = await startTally();
  await tally.addUser('alice');
  laptop = await device({ width: 1280, height: 900 });
  phone = await device();
});

afterAll(() => finish(tally));

function storedFiles(): number {
  const db = new Database(tally.database, { readonly: true });
  try {
    return (db.prepare('SELECT count(*) AS n FROM files').get() as { n: number }).n;
  } finally {
    db.close();
  }
}

describeWithFixtures('kept files, synced when the user opts in', () => {
  it('a file kept on the laptop draws its route on the phone', async () => {
    await signIn(laptop.page, tally.url, 'alice', 'Laptop');
    await laptop.page.goto(`${tally.url}/activities/import`);
    await appReady(laptop.page);
    await laptop.page.getByLabel('Keep original files on this device').check();
    await laptop.page.getByLabel('Also sync kept files to my sync server').check();
    await laptop.page
      .getByLabel('Choose activity files')
      .setInputFiles(join(fixturesDir, 'activities/gpx/run.gpx'));
    await laptop.page.getByText('Import finished: 1 imported.').waitFor({ timeout: 60_000 });
    await expectEventually(() => Promise.resolve(storedFiles()), 1, 20_000);

    await signIn(phone.page, tally.url, 'alice', 'Phone');
    await phone.page.goto(`${tally.url}/activities`);
    await appReady(phone.page);
    await phone.page.getByText('1 activity in your log').waitFor();
    await phone.page.locator('main a.name').first().click();
    await phone.page.getByRole('img', { name: /^Route of / }).waitFor({ timeout: 30_000 });
  });
});
