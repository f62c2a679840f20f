// The import screen's side of the worker: one job at a time, progress as state, and cancel,
// which stops the worker (nothing has been stored while it reads, so nothing is lost).
import type { CsvMapping } from '@tally/model/bank/csv';
import { fileError, type FileError, type ParsedFile } from '@tally/model/bank/statement';
import { err, type Result } from '@tally/model/result';
import type {
  ImportRequest,
  ImportResponse,
  OpenedFile,
  OpenRequestOptions,
} from './import-protocol.ts';

export interface Progress {
  stage: 'reading' | 'parsing';
  done: number;
  total: number;
}

type Pending = {
  job: number;
  fileName: string;
  resolve: (result: Result<OpenedFile, FileError> | Result<ParsedFile, FileError>) => void;
};

export class ImportClient {
  #worker: Worker | undefined;
  #job = 0;
  #pending: Pending | undefined;
  #progress = $state<Progress | undefined>(undefined);
  #busy = $state(false);
  #fileName = 'the file';

  get progress(): Progress | undefined {
    return this.#progress;
  }

  get busy(): boolean {
    return this.#busy;
  }

  async open(file: File, options: OpenRequestOptions): Promise<Result<OpenedFile, FileError>> {
    this.#fileName = file.name;
    let bytes: ArrayBuffer;
    try {
      bytes = await file.arrayBuffer();
    } catch (error) {
      return err(
        fileError(file.name, 'empty', `could not be read from this device (${String(error)})`),
      );
    }
    return this.#run({ type: 'open', job: 0, fileName: file.name, bytes, options }, [
      bytes,
    ]) as Promise<Result<OpenedFile, FileError>>;
  }

  parseCsv(mapping: CsvMapping, currency: string): Promise<Result<ParsedFile, FileError>> {
    return this.#run({ type: 'parse-csv', job: 0, mapping, currency }) as Promise<
      Result<ParsedFile, FileError>
    >;
  }

  /** Stops the job in progress; its promise resolves with a "cancelled" error. */
  cancel(): void {
    this.#worker?.terminate();
    this.#worker = undefined;
    this.#finish(err(fileError(this.#fileName, 'empty', 'reading was cancelled')));
  }

  dispose(): void {
    this.#worker?.terminate();
    this.#worker = undefined;
    this.#pending = undefined;
  }

  #run(
    request: ImportRequest,
    transfer: Transferable[] = [],
  ): Promise<Result<OpenedFile, FileError> | Result<ParsedFile, FileError>> {
    if (this.#pending) this.cancel();
    const job = ++this.#job;
    const worker = this.#ensureWorker();
    this.#busy = true;
    this.#progress = undefined;
    return new Promise((resolve) => {
      this.#pending = { job, fileName: this.#fileName, resolve };
      worker.postMessage({ ...request, job }, transfer);
    });
  }

  #ensureWorker(): Worker {
    if (this.#worker) return this.#worker;
    const worker = new Worker(new URL('./import.worker.ts', import.meta.url), { type: 'module' });
    worker.addEventListener('message', (event: MessageEvent<ImportResponse>) => {
      const message = event.data;
      if (message.job !== this.#pending?.job) return;
      if (message.type === 'progress') {
        this.#progress = { stage: message.stage, done: message.done, total: message.total };
      } else {
        this.#finish(message.result);
      }
    });
    worker.addEventListener('error', (event) => {
      event.preventDefault();
      this.#worker?.terminate();
      this.#worker = undefined;
      this.#finish(
        err(
          fileError(
            this.#pending?.fileName ?? this.#fileName,
            'syntax',
            `could not be read: the reader stopped (${event.message || 'unknown error'})`,
          ),
        ),
      );
    });
    this.#worker = worker;
    return worker;
  }

  #finish(result: Result<OpenedFile, FileError> | Result<ParsedFile, FileError>): void {
    const pending = this.#pending;
    this.#pending = undefined;
    this.#busy = false;
    this.#progress = undefined;
    pending?.resolve(result);
  }
}
