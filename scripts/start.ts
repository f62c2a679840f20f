// `npm start`: builds the PWA when its sources are newer than the build, then runs the Tally
// server, which serves it and keeps synced data in data/tally.sqlite. Any TALLY_* variable
// (see sync-server/README.md) passes through, e.g. TALLY_HOST=0.0.0.0 to listen on the LAN.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');
const built = join(root, 'build', 'index.html');

function newest(path: string): number {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let latest = 0;
  for (const entry of readdirSync(path)) {
    if (entry === 'node_modules' || entry.endsWith('.test.ts')) continue;
    latest = Math.max(latest, newest(join(path, entry)));
  }
  return latest;
}

const sources = [
  'web',
  'static',
  'packages/model/src',
  'svelte.config.js',
  'vite.config.ts',
  'package.json',
];
const stale =
  !existsSync(built) || sources.some((s) => newest(join(root, s)) > statSync(built).mtimeMs);
if (stale) {
  console.log('Building the app…');
  const build = spawnSync('npm', ['run', 'build', '--silent'], { cwd: root, stdio: 'inherit' });
  if (build.status !== 0) process.exit(build.status ?? 1);
}

const server = spawnSync(process.execPath, [join(root, 'sync-server/src/cli.ts'), 'serve'], {
  cwd: root,
  stdio: 'inherit',
  env: { TALLY_STATIC_DIR: join(root, 'build'), ...process.env },
});
process.exit(server.status ?? 0);
