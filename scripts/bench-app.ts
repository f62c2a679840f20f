// `npm run bench:app`: the PWA's budgets, measured on the production build in headless Chromium.
//   - initial-route JS (gzip) of the home page (goal ≤ 150 KB);
//   - offline cold start (service worker serving the shell) to the first rendered list with 10k
//     time entries stored (goal ≤ 1 s), and with the CPU throttled 4× (goal ≤ 3 s).
// Data is put in the way a user would: a backup file restored on Settings → Your data.
import { readFileSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { cpus, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import * as Y from 'yjs';
import { backup, Collection } from '@tally/model';
import { build, testIds } from '@tally/model/testing';
import {
  appReady,
  browser,
  closeBrowser,
  device,
  startTally,
  waitForServiceWorker,
} from '../tests/e2e/harness.ts';

const ENTRIES = Number(process.argv[2] ?? 10_000);
const root = resolve(import.meta.dirname, '..');

/** A backup holding `count` time entries, ~10 a day back from now, in their yearly documents. */
function entriesBackup(count: number): string {
  const ids = testIds(5);
  const docs = new Map<string, Y.Doc>();
  const now = Date.now();
  for (let i = 0; i < count; i++) {
    const start = now - Math.floor(i / 10) * 86_400_000 - (i % 10) * 3_600_000 - 3_600_000;
    const id = ids.next(start);
    const name = `time-entries.${new Date(start).getUTCFullYear()}`;
    let doc = docs.get(name);
    if (!doc) docs.set(name, (doc = new Y.Doc()));
    new Collection(doc, name, 'timeEntries', 'bench').create(
      id,
      build('timeEntries', i, { start, end: start + 1_800_000, description: `Task ${i}` }),
    );
  }
  const states = [...docs].map(([name, doc]) => ({ name, state: Y.encodeStateAsUpdate(doc) }));
  return JSON.stringify(backup.createBackup(states, 'bench', now));
}

const tally = await startTally();
const dir = await mkdtemp(join(tmpdir(), 'tally-bench-app-'));
try {
  // 1. Initial-route JS: every script the home page loads, gzipped as a server would send it.
  const first = await device({ width: 1280, height: 900 });
  const scripts = new Set<string>();
  first.page.on('response', (r) => {
    if (r.request().resourceType() === 'script') scripts.add(new URL(r.url()).pathname);
  });
  await first.page.goto(tally.url);
  await appReady(first.page);
  await first.page.waitForLoadState('networkidle');
  let gzip = 0;
  let raw = 0;
  for (const path of scripts) {
    const bytes = readFileSync(join(root, 'build', path));
    raw += bytes.length;
    gzip += gzipSync(bytes, { level: 9 }).length;
  }

  // 2. Seed 10k entries by restoring a backup, then measure offline cold starts.
  await waitForServiceWorker(first.page);
  const file = join(dir, 'entries.json');
  await writeFile(file, entriesBackup(ENTRIES));
  await first.page.goto(`${tally.url}/settings/data`);
  await appReady(first.page);
  await first.page.getByLabel('Backup file').setInputFiles(file);
  await first.page.getByRole('button', { name: 'Restore this backup' }).click();
  await first.page
    .getByText(/Restored \d+ records/)
    .first()
    .waitFor({ timeout: 300_000 });
  await first.context.setOffline(true);

  const coldStart = async (throttle: number): Promise<number> => {
    const page = await first.context.newPage();
    const cdp = await first.context.newCDPSession(page);
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: throttle });
    await page.goto(`${tally.url}/time`);
    await page.locator('main section.day li').first().waitFor({ timeout: 60_000 });
    const ms = await page.evaluate(() => performance.now());
    await page.close();
    return ms;
  };
  const plain: number[] = [];
  const slow: number[] = [];
  for (let i = 0; i < 3; i++) plain.push(await coldStart(1));
  for (let i = 0; i < 3; i++) slow.push(await coldStart(4));
  const median = (xs: number[]): number =>
    [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;
  const version = (await browser()).version();
  console.log(
    `app budgets — ${new Date().toISOString().slice(0, 10)}, Chromium ${version}, ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}`,
  );
  console.log(
    `initial-route JS (home): ${scripts.size} files, ${(raw / 1024).toFixed(0)} KB raw, ${(gzip / 1024).toFixed(1)} KB gzip  goal ≤ 150 KB`,
  );
  console.log(
    `offline cold start → first entries rendered, ${ENTRIES} entries stored: median ${median(plain).toFixed(0)} ms [${plain.map((x) => x.toFixed(0)).join(', ')}]  goal ≤ 1000 ms`,
  );
  console.log(
    `  same with CPU throttled 4×: median ${median(slow).toFixed(0)} ms [${slow.map((x) => x.toFixed(0)).join(', ')}]  goal ≤ 3000 ms`,
  );
} finally {
  await closeBrowser();
  await tally.close();
  await rm(dir, { recursive: true, force: true });
}
