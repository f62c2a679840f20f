// Steps shared by the end-to-end tests, driven by role and label as a person would.
import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import { appReady, PASSWORD, waitForServiceWorker } from './harness.ts';

export async function signIn(
  page: Page,
  origin: string,
  username: string,
  deviceName: string,
): Promise<void> {
  await page.goto(`${origin}/settings/sync`);
  await appReady(page);
  await page.getByLabel('Server address').fill(origin);
  await page.getByLabel('Username').fill(username);
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByLabel('Name for this device').fill(deviceName);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await waitForSynced(page);
  // From here on the app must also open offline.
  await waitForServiceWorker(page);
}

export async function waitForSynced(page: Page, timeout = 30_000): Promise<void> {
  await page.locator('[data-testid="sync-status"][data-status="synced"]').waitFor({ timeout });
}

/** Adds a monthly bill due today (so it shows in this month's tracker). */
export async function addBill(
  page: Page,
  origin: string,
  name: string,
  amount: string,
  firstDue: string,
): Promise<void> {
  await page.goto(`${origin}/bills/new`);
  await appReady(page);
  await page.getByLabel('Bill name').fill(name);
  await page.getByLabel('Amount', { exact: true }).fill(amount);
  await page.getByLabel('First due date').fill(firstDue);
  await page.getByRole('button', { name: 'Save bill' }).click();
  await page.getByText(`${name} added.`).waitFor();
}

export async function billNames(page: Page, origin: string): Promise<string[]> {
  if (!page.url().endsWith('/bills')) await page.goto(`${origin}/bills`);
  await appReady(page);
  return page
    .locator('main a.name')
    .evaluateAll((links) => links.map((a) => a.textContent?.trim() ?? '').filter((t) => t !== ''));
}

/** Opens a bill's editor from the tracker, changes one field, saves. */
export async function editBill(
  page: Page,
  origin: string,
  name: string,
  label: string,
  value: string,
): Promise<void> {
  await page.goto(`${origin}/bills`);
  await appReady(page);
  await page.getByRole('link', { name, exact: true }).first().click();
  await page.getByRole('link', { name: 'Edit bill' }).click();
  await page.getByLabel(label, { exact: true }).fill(value);
  await page.getByRole('button', { name: 'Save bill' }).click();
  await page.getByText(`${name} saved.`).waitFor();
}

export function todayIso(): string {
  return new Date().toISOString().slice(0, 10);
}

export async function expectEventually<T>(
  fn: () => Promise<T>,
  expected: T,
  timeout = 10_000,
): Promise<void> {
  await expect.poll(fn, { timeout }).toEqual(expected);
}
