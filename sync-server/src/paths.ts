// Where the server finds its files. The server runs either from its TypeScript sources
// (src/, tests and development) or from the bundle that sync-server/build.ts writes to dist/
// (npm start, npm run server). Both folders sit directly under sync-server/, so one rule finds
// the package from either; only the worker's file differs.
import { resolve } from 'node:path';

const HERE = import.meta.dirname;
const BUILT = import.meta.url.endsWith('.js');

/** sync-server/ */
export const SERVER_ROOT = resolve(HERE, '..');
/** The repository (its package.json, the PWA's build/). */
export const REPO_ROOT = resolve(SERVER_ROOT, '..');
/** Numbered SQL files, applied in order at start-up. */
export const MIGRATIONS_DIR = resolve(SERVER_ROOT, 'migrations');
/** The background thread's entry (background/worker.ts). */
export const WORKER_URL = new URL(
  BUILT ? './worker.js' : './background/worker.ts',
  import.meta.url,
);
