// Registers the service worker through workbox-window and turns "a new version is waiting" into
// a prompt. The page reloads only when the user asks for the update, never on its own.
import { Workbox } from 'workbox-window';
import { dev } from '$app/environment';

export class Updater {
  #available = $state(false);
  #updating = $state(false);
  #workbox: Workbox | undefined;

  get available(): boolean {
    return this.#available;
  }

  get updating(): boolean {
    return this.#updating;
  }

  register(): void {
    if (typeof navigator === 'undefined' || !('serviceWorker' in navigator)) return;
    // SvelteKit bundles the worker as a classic script for production, an ES module in dev.
    const wb = new Workbox('/service-worker.js', { type: dev ? 'module' : 'classic' });
    wb.addEventListener('waiting', () => {
      this.#available = true;
    });
    wb.addEventListener('controlling', (event) => {
      // Reload into the new version only when this tab asked for it.
      if (this.#updating && event.isUpdate) window.location.reload();
    });
    this.#workbox = wb;
    void wb.register();
  }

  /** Activates the waiting version and reloads once it controls the page. */
  apply(): void {
    if (!this.#workbox) return;
    this.#updating = true;
    this.#workbox.messageSkipWaiting();
  }
}
