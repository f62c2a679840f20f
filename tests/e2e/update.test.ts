// The update flow: two builds with different versions served in turn from one origin. The page
// keeps running the old version until the user clicks "Reload", then runs the new one.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import {
  appReady,
  device,
  finish,
  ROOT,
  startTally,
  waitForServiceWorker,
  type Tally,
} from './harness.ts';

const dir = mkdtempSync(join(tmpdir(), 'tally-update-'));
let tally: Tally;

function build(version: string, outDir: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      [join(ROOT, 'node_modules/vite/bin/vite.js'), 'build', '--logLevel', 'error'],
      {
        cwd: ROOT,
        env: { ...process.env, TALLY_BUILD_VERSION: version, TALLY_BUILD_DIR: outDir },
        stdio: ['ignore', 'ignore', 'pipe'],
      },
    );
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('exit', (code) =>
      code === 0 ? resolve() : reject(new Error(`build ${version} failed: ${stderr}`)),
    );
  });
}

beforeAll(async () => {
  await build('e2e-one', join(dir, 'one'));
  await build('e2e-two', join(dir, 'two'));
  tally = await startTally({ staticDir: join(dir, 'one') });
}, 300_000);

afterAll(async () => {
  try {
    await finish(tally);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

it('offers the new version and switches to it only when the user clicks Reload', async () => {
  const d = await device({ width: 1280, height: 800 });
  await d.page.goto(`${tally.url}/settings`);
  await appReady(d.page);
  await waitForServiceWorker(d.page);
  await expect.poll(() => d.page.getByTestId('app-version').textContent()).toBe('e2e-one');

  await tally.restart(join(dir, 'two'));
  // Any navigation makes the browser look for a new service worker.
  await d.page.reload();
  const reloadButton = d.page.getByRole('button', { name: 'Reload' });
  await reloadButton.waitFor({ timeout: 30_000 });
  // Until the user says so, the old version keeps running.
  expect(await d.page.getByTestId('app-version').textContent()).toBe('e2e-one');

  await Promise.all([d.page.waitForEvent('load'), reloadButton.click()]);
  await expect
    .poll(() => d.page.getByTestId('app-version').textContent(), { timeout: 20_000 })
    .toBe('e2e-two');
  await expect.poll(() => d.page.getByRole('button', { name: 'Reload' }).count()).toBe(0);
  expect(d.errors).toEqual([]);
  await d.context.close();
});
