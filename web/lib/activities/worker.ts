// The import worker, started on demand: Vite bundles it as a file of its own, so the FIT
// tables and XML readers load only when someone imports or looks at a kept file.
export type WorkerLike = Pick<Worker, 'postMessage' | 'addEventListener' | 'terminate'>;

export function createImportWorker(): Worker {
  return new Worker(new URL('./import.worker.ts', import.meta.url), { type: 'module' });
}
