// Reads statement files off the main thread: decoding, format detection, OFX/QIF parsing and the
// CSV preview on 'open'; every CSV row with the person's mapping on 'parse-csv', with progress.
import * as csv from '@tally/model/bank/csv';
import { open } from '@tally/model/bank/read';
import { fileError } from '@tally/model/bank/statement';
import { err, ok } from '@tally/model/result';
import type { ImportRequest, ImportResponse } from './import-protocol.ts';

let lastCsv: { fileName: string; text: string } | undefined;

function post(message: ImportResponse): void {
  postMessage(message);
}

function handle(request: ImportRequest): void {
  if (request.type === 'open') {
    const { job, fileName } = request;
    post({ type: 'progress', job, stage: 'reading', done: 0, total: request.bytes.byteLength });
    const opened = open(new Uint8Array(request.bytes), { fileName, ...request.options });
    if (!opened.ok) {
      post({ type: 'opened', job, result: opened });
      return;
    }
    const o = opened.value;
    const decoded = { encoding: o.decoded.encoding, reason: o.decoded.reason };
    if (o.format === 'csv') {
      lastCsv = { fileName, text: o.decoded.text };
      post({
        type: 'opened',
        job,
        result: ok({ format: 'csv', fileName, decoded, preview: o.preview }),
      });
    } else {
      lastCsv = undefined;
      post({
        type: 'opened',
        job,
        result: ok({ format: o.format, fileName, decoded, file: o.file }),
      });
    }
    return;
  }
  const { job } = request;
  if (!lastCsv) {
    post({
      type: 'parsed',
      job,
      result: err(fileError('the file', 'empty', 'open the file again: it is no longer loaded')),
    });
    return;
  }
  const parsed = csv.parse(lastCsv.text, request.mapping, {
    fileName: lastCsv.fileName,
    currency: request.currency,
    onProgress: (done, total) => post({ type: 'progress', job, stage: 'parsing', done, total }),
  });
  post({ type: 'parsed', job, result: parsed });
}

addEventListener('message', (event: MessageEvent<ImportRequest>) => {
  try {
    handle(event.data);
  } catch (error) {
    // A bug in a parser must still end the job with a message, not leave the screen waiting.
    const message = error instanceof Error ? error.message : String(error);
    const fileName =
      event.data.type === 'open' ? event.data.fileName : (lastCsv?.fileName ?? 'the file');
    const failure = err(fileError(fileName, 'syntax', `could not be read (${message})`));
    post(
      event.data.type === 'open'
        ? { type: 'opened', job: event.data.job, result: failure }
        : { type: 'parsed', job: event.data.job, result: failure },
    );
  }
});
