// Runs the import preview in its worker; the returned function cancels it.
import type { PreviewRequest, WorkerMessage } from './import-messages.ts';

export function runPreview(
  request: PreviewRequest,
  onmessage: (message: WorkerMessage) => void,
): () => void {
  const worker = new Worker(new URL('./import.worker.ts', import.meta.url), { type: 'module' });
  worker.onmessage = (event: MessageEvent<WorkerMessage>) => {
    onmessage(event.data);
    if (event.data.type === 'done' || event.data.type === 'failed') worker.terminate();
  };
  worker.onerror = (event) => {
    onmessage({ type: 'failed', message: `The file could not be read: ${event.message}.` });
    worker.terminate();
  };
  worker.postMessage(request);
  return () => worker.terminate();
}
