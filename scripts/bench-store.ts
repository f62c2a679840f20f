// `npm run bench`: the store's figures in headless Chromium with real IndexedDB.
//   - create 10k time entries through the collection API and the store (goal ≤ 1.5 s);
//   - cold open + first page of the newest 50 entries with 100k stored (goal ≤ 200 ms);
//   - one field edit's update size (goal ≤ 200 B).
// Prints the figures; docs/benchmarks.md records them with the date and machine.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir, cpus } from 'node:os';
import { join, resolve } from 'node:path';
import { build } from 'vite';
import { launchChromium } from './lib/chromium.ts';
import { serveStatic } from './lib/static-server.ts';

const root = resolve(import.meta.dirname, '..');
const out = await mkdtemp(join(tmpdir(), 'tally-bench-'));
await build({
  root,
  configFile: false,
  logLevel: 'warn',
  build: {
    outDir: out,
    emptyOutDir: true,
    lib: {
      entry: join(root, 'scripts/bench/store-page.ts'),
      formats: ['es'],
      fileName: () => 'bench.js',
    },
    minify: true,
  },
});
await writeFile(
  join(out, 'index.html'),
  '<!doctype html><meta charset="utf-8"><body><script type="module" src="./bench.js"></script></body>',
);
const server = await serveStatic(out);
const browser = await launchChromium();
try {
  const page = await browser.newPage();
  page.on('pageerror', (e) => console.error('page error:', e));
  await page.goto(server.url);
  await page.waitForSelector('body[data-ready="true"]', { state: 'attached' });

  const runs: number[] = [];
  const raw: number[] = [];
  const bare: number[] = [];
  for (let i = 0; i < 3; i++) {
    runs.push(await page.evaluate((run) => window.bench.create(10_000, run), i));
    raw.push(await page.evaluate((run) => window.bench.rawBulkPut(10_000, run), i));
    bare.push(await page.evaluate((run) => window.bench.rawBulkPut(10_000, run, false), i));
  }
  await page.evaluate(() => window.bench.fill('bench-100k', 100_000));
  const cold: { ms: number; rows: number; loadedDocs: boolean }[] = [];
  for (let i = 0; i < 5; i++) {
    // A fresh page each time, so nothing from the previous run is warm in memory.
    await page.reload();
    await page.waitForSelector('body[data-ready="true"]', { state: 'attached' });
    cold.push(await page.evaluate(() => window.bench.coldFirstPage('bench-100k')));
  }
  const editBytes = await page.evaluate(() => window.bench.editSize(10_000));

  const median = (xs: number[]): number =>
    [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;
  const version = browser.version();
  console.log(
    `store benchmark — ${new Date().toISOString().slice(0, 10)}, Chromium ${version}, ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}`,
  );
  console.log(
    `create 10k time entries (store, one batch): median ${median(runs).toFixed(0)} ms  [${runs.map((r) => r.toFixed(0)).join(', ')}]  goal ≤ 1500 ms`,
  );
  console.log(
    `  IndexedDB alone (Dexie bulkPut of the same 10k rows): median ${median(raw).toFixed(0)} ms  [${raw.map((r) => r.toFixed(0)).join(', ')}]  → store/IDB ${(median(runs) / median(raw)).toFixed(2)}×`,
  );
  console.log(
    `  IndexedDB floor (bulkPut of the same rows, primary key only): median ${median(bare).toFixed(0)} ms  [${bare.map((r) => r.toFixed(0)).join(', ')}]`,
  );
  console.log(
    `cold open + newest 50 of 100k: median ${median(cold.map((c) => c.ms)).toFixed(0)} ms  [${cold.map((c) => c.ms.toFixed(0)).join(', ')}]  rows ${cold[0]?.rows}, docs loaded: ${cold.some((c) => c.loadedDocs)}  goal ≤ 200 ms`,
  );
  console.log(`one field edit, doc of 10k entries: ${editBytes} B  goal ≤ 200 B`);
} finally {
  await browser.close();
  await server.close();
  await rm(out, { recursive: true, force: true });
}
