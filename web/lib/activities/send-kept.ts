// Sending kept files to the user's sync server from a screen (after an import, on turning the
// option on, on request): the run itself is the Sync's; this tells the person how it went.
import type { App } from '../app/app.svelte.ts';
import { keptFilesProblem } from '../sync/files.ts';

/** Sends kept files when signed in and opted in; a problem (or a skipped file) is a toast. */
export async function sendKeptFiles(app: App): Promise<void> {
  const outcome = await app.sync.uploadKeptFiles();
  const problem = outcome && keptFilesProblem(outcome);
  if (problem?.tone === 'error') app.toasts.error(problem.message);
  else if (problem) app.toasts.show(problem.message);
}
