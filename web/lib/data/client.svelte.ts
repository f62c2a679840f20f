// The page's side of the worker: one job at a time, its progress as state, and cancel (which
// stops the worker: exports and file checks write nothing, so nothing is half done).
import { err } from '@tally/model/result';
import type {
  FileOut,
  JobError,
  JobMessage,
  JobRequest,
  JobResponse,
  JobResult,
  OpenedFile,
  Progress,
} from './protocol.ts';
import type { Result } from '@tally/model/result';

type ResultOf<R extends JobRequest> = R extends { type: 'open-backup' }
  ? Result<OpenedFile, JobError>
  : Result<FileOut, JobError>;

export class DataJobs {
  #worker: Worker | undefined;
  #job = 0;
  #pending: { job: number; resolve: (r: JobResult) => void } | undefined;
  #progress = $state.raw<Progress | undefined>(undefined);
  #busy = $state(false);

  get progress(): Progress | undefined {
    return this.#progress;
  }

  get busy(): boolean {
    return this.#busy;
  }

  run<R extends JobRequest>(request: R, transfer: Transferable[] = []): Promise<ResultOf<R>> {
    if (this.#pending) this.cancel();
    const job = ++this.#job;
    this.#busy = true;
    this.#progress = undefined;
    return new Promise<JobResult>((resolve) => {
      this.#pending = { job, resolve };
      try {
        this.worker().postMessage({ job, request } satisfies JobMessage, { transfer });
      } catch (error) {
        this.#finish(
          err({ kind: 'failed', message: `The job could not start (${String(error)}).` }),
        );
      }
    }) as Promise<ResultOf<R>>;
  }

  /** Stops the job in progress; its promise resolves with a "cancelled" error. */
  cancel(): void {
    this.#worker?.terminate();
    this.#worker = undefined;
    this.#finish(err({ kind: 'cancelled', message: 'Cancelled. Nothing was changed.' }));
  }

  dispose(): void {
    this.#worker?.terminate();
    this.#worker = undefined;
    this.#pending = undefined;
  }

  private worker(): Worker {
    if (this.#worker) return this.#worker;
    const worker = new Worker(new URL('./export.worker.ts', import.meta.url), { type: 'module' });
    worker.onmessage = (event: MessageEvent<JobResponse>) => {
      const message = event.data;
      if (message.job !== this.#pending?.job) return;
      if (message.type === 'progress') this.#progress = message.progress;
      else this.#finish(message.result);
    };
    worker.onerror = (event) => {
      event.preventDefault();
      this.#worker?.terminate();
      this.#worker = undefined;
      this.#finish(
        err({
          kind: 'failed',
          message: `The background task stopped (${event.message || 'unknown error'}). Nothing was changed.`,
        }),
      );
    };
    this.#worker = worker;
    return worker;
  }

  #finish(result: JobResult): void {
    const pending = this.#pending;
    this.#pending = undefined;
    this.#busy = false;
    this.#progress = undefined;
    pending?.resolve(result);
  }
}
