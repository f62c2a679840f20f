// End-to-end harness: the production build served by the real Tally server (port 0, a temporary
// SQLite file), driven in Debian's Chromium through playwright-core. Every request a page makes
// is recorded, so tests can check that nothing leaves the app's origin.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { expect } from 'vitest';
import { launchChromium } from '../../scripts/lib/chromium.ts';
import { startServer, type TallyServer } from '../../sync-server/src/server.ts';
import { Accounts } from '../../sync-server/src/accounts/accounts.ts';
import { SqliteStorage } from '../../sync-server/src/storage/sqlite.ts';

export const ROOT = resolve(import.meta.dirname, '../..');
export const BUILD = join(ROOT, 'build');
export const PASSWORD = 'correct horse battery';

export interface Tally {
  server: TallyServer;
  url: string;
  database: string;
  /** Creates an account, as `npm run server -- user add` does. */
  addUser(name: string, password?: string): Promise<void>;
  /** Restarts the server on the same port and database (same origin for the browser). */
  restart(staticDir?: string): Promise<void>;
  close(): Promise<void>;
}

export async function startTally(options: { staticDir?: string } = {}): Promise<Tally> {
  const staticDir = options.staticDir ?? BUILD;
  if (!existsSync(join(staticDir, 'index.html'))) {
    throw new Error(`no build at ${staticDir}: run \`npm run build\` first (npm test does)`);
  }
  const dir = mkdtempSync(join(tmpdir(), 'tally-e2e-'));
  const database = join(dir, 'tally.sqlite');
  const quiet = { write: () => true };
  let server = await startServer({
    host: '127.0.0.1',
    port: 0,
    database,
    staticDir,
    logLevel: 'warn',
    logStream: quiet,
  });
  const tally: Tally = {
    server,
    url: server.url,
    database,
    addUser: (name, password = PASSWORD) => createUser(database, name, password),
    async restart(nextStatic = staticDir) {
      const port = server.port;
      await server.close();
      server = await startServer({
        host: '127.0.0.1',
        port,
        database,
        staticDir: nextStatic,
        logLevel: 'warn',
        logStream: quiet,
      });
      tally.server = server;
    },
    async close() {
      await server.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
  return tally;
}

/** Creates a user directly in the database, as `npm run server -- user add` does. */
async function createUser(database: string, name: string, password: string): Promise<void> {
  const opened = SqliteStorage.open(database);
  if (!opened.ok) throw new Error(opened.error);
  try {
    const created = await new Accounts({ store: opened.value }).createUser(name, password);
    if (!created.ok) throw new Error(`cannot create ${name}: ${created.error.kind}`);
  } finally {
    await opened.value.close();
  }
}

let shared: Promise<Browser> | undefined;

/** One Chromium per test file; contexts are the separate "devices". */
export function browser(): Promise<Browser> {
  shared ??= launchChromium();
  return shared;
}

export async function closeBrowser(): Promise<void> {
  const b = shared;
  shared = undefined;
  opened.length = 0;
  if (b) await (await b).close();
}

/** Every device of this file's browser, for `finish` to check. */
const opened: Device[] = [];

/**
 * How an e2e file starts when it needs one desktop-sized device: a server, and the device on the
 * home page with the app's storage open and its service worker in control.
 */
export async function openApp(): Promise<{ tally: Tally; d: Device }> {
  const tally = await startTally();
  const d = await device({ width: 1280, height: 900 });
  await d.page.goto(tally.url);
  await appReady(d.page);
  await waitForServiceWorker(d.page);
  return { tally, d };
}

/**
 * How every e2e file ends: the browser and the server stop, then the file fails if any device
 * it opened requested another origin, threw, or had something refused by the CSP.
 */
export async function finish(tally: Tally | undefined): Promise<void> {
  const problems: string[] = [];
  opened.forEach((d, i) => {
    const elsewhere = tally ? sameOrigin(d.requests, tally.url) : [];
    for (const url of elsewhere) problems.push(`device ${i + 1} requested ${url}`);
    for (const e of d.errors) problems.push(`device ${i + 1}: ${e}`);
  });
  try {
    await closeBrowser();
  } finally {
    await tally?.close();
  }
  expect(problems).toEqual([]);
}

export interface Device {
  context: BrowserContext;
  page: Page;
  /** Every URL any page or worker of this context requested. */
  requests: string[];
  errors: string[];
}

/** A fresh browser profile (its own IndexedDB, service worker, caches) with one page. */
export async function device(options: { width?: number; height?: number } = {}): Promise<Device> {
  const context = await (
    await browser()
  ).newContext({
    viewport: { width: options.width ?? 390, height: options.height ?? 844 },
    serviceWorkers: 'allow',
  });
  const requests: string[] = [];
  const errors: string[] = [];
  context.on('request', (r) => requests.push(r.url()));
  const page = await context.newPage();
  page.on('pageerror', (e) => errors.push(e.message));
  // A CSP violation is only a console message, but it means a feature silently did not work.
  page.on('console', (m) => {
    if (m.type() === 'error' && m.text().includes('Content Security Policy')) errors.push(m.text());
  });
  const d = { context, page, requests, errors };
  opened.push(d);
  return d;
}

/** Waits until the page is controlled by an activated service worker. */
export async function waitForServiceWorker(page: Page): Promise<void> {
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
    if (!navigator.serviceWorker.controller) {
      await new Promise<void>((resolve) =>
        navigator.serviceWorker.addEventListener('controllerchange', () => resolve(), {
          once: true,
        }),
      );
    }
  });
}

/** Waits for the app shell to have opened its storage. */
export async function appReady(page: Page): Promise<void> {
  await page.getByRole('main').locator('h1').first().waitFor();
}

export function sameOrigin(urls: readonly string[], origin: string): string[] {
  return urls.filter(
    (u) => !u.startsWith(origin) && !u.startsWith('data:') && !u.startsWith('blob:'),
  );
}
