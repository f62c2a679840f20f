// The "Your data" page's worker: runs one job at a time (jobs.ts) and posts its progress and
// result. Files go back as transferred buffers, not copies.
import { err } from '@tally/model/result';
import { openDb } from '../store/schema.ts';
import { runJob } from './jobs.ts';
import type { JobMessage, JobResponse, JobResult } from './protocol.ts';

function post(message: JobResponse, transfer: Transferable[] = []): void {
  postMessage(message, { transfer });
}

function buffersOf(result: JobResult): Transferable[] {
  if (!result.ok) return [];
  const value = result.value;
  const arrays = 'bytes' in value ? [value.bytes] : value.docs.map((d) => d.state);
  return [...new Set(arrays.map((a) => a.buffer))].filter(
    (b): b is ArrayBuffer => b instanceof ArrayBuffer,
  );
}

addEventListener('message', (event: MessageEvent<JobMessage>) => {
  const { job, request } = event.data;
  runJob(request, {
    openDb: (name) => openDb(name),
    progress: (progress) => post({ type: 'progress', job, progress }),
  })
    .then((result) => post({ type: 'done', job, result }, buffersOf(result)))
    .catch((error: unknown) => {
      // A bug must still end the job with a message, not leave the page waiting.
      const message = error instanceof Error ? error.message : String(error);
      post({
        type: 'done',
        job,
        result: err({ kind: 'failed', message: `The export failed (${message}). Nothing was changed.` }),
      });
    });
});
