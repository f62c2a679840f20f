// `npm run bench:import`: 1,000 activity files (FIT, GPX, TCX) imported in headless Chromium —
// parsed in a Web Worker by the model's importer, written to IndexedDB through the store in
// batches — reporting files/s, the longest the page's main thread was blocked, and the peak
// memory of Chromium's processes. Figures go to docs/benchmarks.md.
import { readFileSync, readdirSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { cpus, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { build } from 'vite';
import { launchChromium } from './lib/chromium.ts';
import { serveStatic } from './lib/static-server.ts';

const count = Number(process.argv[2] ?? 1000);
const root = resolve(import.meta.dirname, '..');
const out = await mkdtemp(join(tmpdir(), 'tally-bench-import-'));
await build({
  root,
  configFile: false,
  logLevel: 'warn',
  worker: { format: 'es' },
  build: {
    outDir: out,
    emptyOutDir: true,
    lib: {
      entry: join(root, 'scripts/bench/import-page.ts'),
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

/** Resident memory of every Chromium process, from /proc (Linux). */
function chromiumRss(): number {
  let total = 0;
  for (const pid of readdirSync('/proc').filter((p) => /^\d+$/.test(p))) {
    try {
      const cmd = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
      if (!/chrom/i.test(cmd)) continue;
      const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
      total += Number(m?.[1] ?? 0) * 1024;
    } catch {
      // the process ended meanwhile
    }
  }
  return total;
}

const server = await serveStatic(out);
const browser = await launchChromium();
try {
  const page = await browser.newPage();
  page.on('pageerror', (e) => console.error('page error:', e));
  await page.goto(server.url);
  await page.waitForSelector('body[data-ready="true"]', { state: 'attached' });
  const idle = chromiumRss();
  let peak = idle;
  const sampler = setInterval(() => (peak = Math.max(peak, chromiumRss())), 100);
  const r = await page.evaluate((n) => window.benchImport(n), count);
  clearInterval(sampler);
  const mb = (b: number): string => `${(b / 1e6).toFixed(0)} MB`;
  console.log(
    `activity import benchmark — ${new Date().toISOString().slice(0, 10)}, Chromium ${browser.version()}, ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}`,
  );
  console.log(
    `${r.count} files (40 % FIT, 30 % GPX, 30 % TCX; 1 h, 720 points each; ${mb(r.bytes ?? 0)}): ${r.imported} imported, ${r.failed} failed, ${r.stored} stored`,
  );
  console.log(
    `wall time ${((r.totalMs ?? 0) / 1000).toFixed(1)} s → ${((r.count ?? 0) / ((r.totalMs ?? 1) / 1000)).toFixed(0)} files/s; parsing in the worker ${((r.importMs ?? 0) / 1000).toFixed(1)} s (${((r.count ?? 0) / ((r.importMs ?? 1) / 1000)).toFixed(0)} files/s); store writes ${((r.writeMs ?? 0) / 1000).toFixed(1)} s`,
  );
  console.log(`main thread: longest block ${(r.maxLagMs ?? 0).toFixed(0)} ms while importing`);
  console.log(`Chromium memory (all processes, RSS): ${mb(idle)} idle → ${mb(peak)} peak`);
} finally {
  await browser.close();
  await server.close();
  await rm(out, { recursive: true, force: true });
}
