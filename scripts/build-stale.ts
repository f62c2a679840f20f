// Builds what is older than its sources, before `npm start` and `npm run server` run the server:
//   app    — the PWA (build/), which the server serves
//   server — the server's bundle (sync-server/dist/, see sync-server/build.ts)
// Usage: node scripts/build-stale.ts app server. The npm scripts then `exec` the bundle, so the
// server is the only Node process left running (a launcher that waits would hold ~40 MB more).
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');

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

interface Target {
  readonly what: string;
  /** A file the build writes last-ish: its time stamps the build. */
  readonly output: string;
  readonly sources: readonly string[];
  readonly command: readonly string[];
}

const TARGETS: Record<string, Target> = {
  app: {
    what: 'the app',
    output: 'build/index.html',
    sources: ['web', 'static', 'packages/model/src', 'svelte.config.js', 'vite.config.ts'],
    command: ['npx', 'vite', 'build'],
  },
  server: {
    what: 'the server',
    output: 'sync-server/dist/cli.js',
    sources: ['sync-server/src', 'sync-server/build.ts', 'packages/model/src'],
    command: [process.execPath, 'sync-server/build.ts'],
  },
};

for (const name of process.argv.slice(2)) {
  const target = TARGETS[name];
  if (target === undefined) {
    console.error(
      `build-stale: unknown target "${name}" (expected ${Object.keys(TARGETS).join(', ')})`,
    );
    process.exit(2);
  }
  const output = join(root, target.output);
  const sources = [...target.sources, 'package.json', 'package-lock.json'];
  const stale =
    !existsSync(output) ||
    sources.some(
      (s) => existsSync(join(root, s)) && newest(join(root, s)) > statSync(output).mtimeMs,
    );
  if (!stale) continue;
  console.error(`Building ${target.what}…`);
  const [command, ...args] = target.command as [string, ...string[]];
  const built = spawnSync(command, args, { cwd: root, stdio: ['ignore', 2, 2] });
  if (built.status !== 0) process.exit(built.status ?? 1);
}
