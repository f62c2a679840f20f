// Reads and checks an import file off the main thread: the page stays responsive on a file with
// tens of thousands of rows, and shows how far reading has got.
import * as importing from '@tally/model/time/import/index';
import type { PreviewRequest, WorkerMessage } from './import-messages.ts';

const post = (message: WorkerMessage): void => postMessage(message);

async function readText(file: Blob): Promise<string> {
  const reader = file.stream().getReader();
  const decoder = new TextDecoder('utf-8');
  const parts: string[] = [];
  let loaded = 0;
  let reported = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    loaded += value.byteLength;
    parts.push(decoder.decode(value, { stream: true }));
    if (loaded - reported > 256 * 1024 || loaded === file.size) {
      reported = loaded;
      post({ type: 'progress', stage: 'reading', loaded, total: file.size });
    }
  }
  parts.push(decoder.decode());
  return parts.join('');
}

onmessage = async (event: MessageEvent<PreviewRequest>) => {
  const request = event.data;
  try {
    const text = await readText(request.file);
    post({ type: 'progress', stage: 'checking' });
    const preview = importing.preview(text, {
      clients: request.clients,
      projects: request.projects,
      tasks: request.tasks,
      entries: request.importKeys.map((importKey) => ({ importKey })),
      zone: request.zone,
      currency: request.currency,
      ...(request.dateOrder !== undefined && { dateOrder: request.dateOrder }),
      ...(request.format !== undefined && { format: request.format }),
    });
    post({ type: 'done', preview });
  } catch (error) {
    post({
      type: 'failed',
      message: `The file could not be read: ${error instanceof Error ? error.message : String(error)}.`,
    });
  }
};
