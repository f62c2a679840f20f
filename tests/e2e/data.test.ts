// Your data, end to end: fill every module, download a backup (plain and encrypted), erase the
// device, restore, and see everything again. The privacy page lists exactly the model's
// collections.
import { readFile } from 'node:fs/promises';
import { collectionNames } from '@tally/model';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appReady, finish, openApp, type Device, type Tally } from './harness.ts';
import { addBill, billNames, todayIso } from './flows.ts';

let tally: Tally;
let d: Device;

beforeAll(async () => ({ tally, d } = await openApp()));

// Argon2id runs as WebAssembly under the server's CSP; a refusal would fail `finish`.
afterAll(() => finish(tally));

async function download(button: string): Promise<string> {
  const [file] = await Promise.all([
    d.page.waitForEvent('download'),
    d.page.getByRole('button', { name: button, exact: true }).click(),
  ]);
  const path = await file.path();
  return path;
}

async function eraseDevice(): Promise<void> {
  await d.page.goto(`${tally.url}/settings/data`);
  await appReady(d.page);
  await d.page.getByRole('button', { name: 'Erase this device…' }).click();
  await d.page.getByLabel('Type ERASE to confirm').fill('ERASE');
  await Promise.all([
    d.page.waitForEvent('load'),
    d.page.getByRole('button', { name: 'Erase everything on this device' }).click(),
  ]);
  await d.page.getByText("This device's data was erased.").waitFor();
}

async function timeEntries(): Promise<string[]> {
  await d.page.goto(`${tally.url}/time`);
  await appReady(d.page);
  return d.page
    .getByRole('region', { name: 'Today' })
    .getByRole('listitem')
    .evaluateAll((items) => items.map((i) => i.getAttribute('aria-label') ?? i.textContent ?? ''));
}

describe('backup, erase, restore', () => {
  let backupPath = '';
  let encryptedPath = '';

  it('fills every module and downloads a plain and an encrypted backup', async () => {
    await addBill(d.page, tally.url, 'Internet', '45', todayIso());
    await d.page.goto(`${tally.url}/time`);
    await appReady(d.page);
    await d.page.getByLabel('Timer description').fill('Backup drill');
    await d.page.getByRole('button', { name: 'Start timer' }).click();
    await d.page.getByRole('timer', { name: 'Elapsed time' }).waitFor();
    await d.page.getByRole('button', { name: 'Stop timer' }).click();
    await d.page.getByRole('button', { name: 'Start timer' }).waitFor();
    await d.page.goto(`${tally.url}/settings`);
    await d.page.getByLabel('Currency').selectOption('CHF');
    // Shown from the stored settings: the change is saved before the page is left.
    await d.page.getByText(/Example: CHF/).waitFor();

    await d.page.goto(`${tally.url}/settings/data`);
    await appReady(d.page);
    backupPath = await download('Download backup');
    const backup = JSON.parse(await readFile(backupPath, 'utf8')) as {
      format: string;
      records: Record<string, unknown[]>;
      docs: { name: string }[];
    };
    expect(backup.format).toBe('tally-backup');
    expect(backup.records.bills).toHaveLength(1);
    expect(backup.records.timeEntries).toHaveLength(1);
    expect(backup.records.settings?.[0]).toMatchObject({ currency: 'CHF' });

    await d.page.getByLabel('Passphrase', { exact: true }).fill('a long passphrase for tests');
    await d.page.getByLabel('Repeat the passphrase').fill('a long passphrase for tests');
    encryptedPath = await download('Download encrypted backup');
    const encrypted = await readFile(encryptedPath);
    expect(encrypted.subarray(0, 8).toString('latin1')).toBe('TALLYENC');
    expect(encrypted.includes(Buffer.from('Internet'))).toBe(false);
  });

  it('erases the device, restores the plain backup, and everything is back', async () => {
    const entriesBefore = await timeEntries();
    await eraseDevice();
    expect(await billNames(d.page, tally.url)).toEqual([]);

    await d.page.goto(`${tally.url}/settings/data`);
    await appReady(d.page);
    await d.page.getByLabel('Backup file').setInputFiles(backupPath);
    await d.page.getByTestId('backup-contents').waitFor();
    await d.page.getByRole('button', { name: 'Restore this backup' }).click();
    await d.page
      .getByText(/Restored \d+ records from the backup/)
      .first()
      .waitFor();

    expect(await billNames(d.page, tally.url)).toEqual(['Internet']);
    expect(await timeEntries()).toEqual(entriesBefore);
    await d.page.goto(`${tally.url}/settings`);
    await expect.poll(() => d.page.getByLabel('Currency').inputValue()).toBe('CHF');
  });

  it('refuses the encrypted backup with a wrong passphrase, and restores it with the right one', async () => {
    await eraseDevice();
    await d.page.getByLabel('Backup file').setInputFiles(encryptedPath);
    await d.page.getByLabel('Passphrase for this backup').fill('not the passphrase');
    await d.page.getByRole('button', { name: 'Unlock' }).click();
    await d.page
      .getByRole('alert')
      .filter({ hasText: /passphrase/i })
      .waitFor();
    expect(await billNames(d.page, tally.url)).toEqual([]);

    await d.page.goto(`${tally.url}/settings/data`);
    await appReady(d.page);
    await d.page.getByLabel('Backup file').setInputFiles(encryptedPath);
    await d.page.getByLabel('Passphrase for this backup').fill('a long passphrase for tests');
    await d.page.getByRole('button', { name: 'Unlock' }).click();
    await d.page.getByRole('button', { name: 'Restore this backup' }).click();
    await d.page
      .getByText(/Restored \d+ records from the backup/)
      .first()
      .waitFor();
    expect(await billNames(d.page, tally.url)).toEqual(['Internet']);
  });
});

describe('the privacy page', () => {
  it('lists exactly the collections the app stores', async () => {
    await d.page.goto(`${tally.url}/settings/privacy`);
    await appReady(d.page);
    const listed = await d.page
      .getByTestId('stored-collections')
      .locator('[data-collection]')
      .evaluateAll((els) => els.map((e) => e.getAttribute('data-collection')));
    expect(new Set(listed)).toEqual(new Set(collectionNames));
    expect(listed).toHaveLength(collectionNames.length);
  });
});
