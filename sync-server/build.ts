// Bundles the server for production: sync-server/dist/cli.js (the CLI and the server) and
// dist/worker.js (its background thread), with their chunks. `npm start` and `npm run server` run
// the bundle; tests run the sources.
//
// Why: Node runs .ts files by stripping their types, and the stripper costs about 20 MB of
// resident memory for the life of the process (and again in every worker thread). On a home
// server that idles most of the day, that was a fifth of the whole process.
//
// Packages from npm stay external (Node loads them from node_modules as usual); the workspace's
// own TypeScript (@tally/model) is bundled in. The chunks sit directly in dist/, one level under
// sync-server/ like src/ — src/paths.ts relies on that to find migrations/ from either.
//
// Usage: node sync-server/build.ts  (also part of `npm run build`)
import { rmSync } from 'node:fs';
import { dirname, isAbsolute, join } from 'node:path';
import { build } from 'rolldown';

export const SERVER_DIR = import.meta.dirname;
export const DIST_DIR = join(SERVER_DIR, 'dist');
export const BUILT_CLI = join(DIST_DIR, 'cli.js');

/** Our own sources and the workspace's TypeScript packages are bundled; the rest is external. */
function external(id: string): boolean {
  if (id.startsWith('.') || isAbsolute(id)) return false;
  return !id.startsWith('@tally/');
}

/** Writes the bundle to `outDir` (a folder directly under sync-server/, see src/paths.ts). */
export async function buildServer(outDir = DIST_DIR): Promise<void> {
  if (dirname(outDir) !== SERVER_DIR)
    throw new Error(`${outDir}: must be a folder of ${SERVER_DIR}`);
  rmSync(outDir, { recursive: true, force: true });
  await build({
    input: {
      cli: join(SERVER_DIR, 'src', 'cli.ts'),
      worker: join(SERVER_DIR, 'src', 'background', 'worker.ts'),
    },
    platform: 'node',
    external,
    logLevel: 'warn',
    output: {
      dir: outDir,
      format: 'esm',
      entryFileNames: '[name].js',
      chunkFileNames: '[name]-[hash].js',
      // Readable stack traces in the operator's logs matter more than a few kilobytes.
      minify: false,
    },
  });
}

if (import.meta.main) {
  await buildServer();
  console.log(`Built the server into ${DIST_DIR}`);
}
