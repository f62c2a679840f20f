// A Dexie live query as Svelte state: `current` follows the database, in this tab and others.
// `deps` is read inside an effect, so the query re-subscribes when what it depends on changes
// (a filter, a month); the query itself runs outside Svelte's tracking.
import { liveQuery } from 'dexie';

export class Live<T, D = void> {
  #current = $state.raw<T | undefined>(undefined);
  #error = $state.raw<unknown>(undefined);
  #loading = $state(true);

  constructor(query: (deps: D) => Promise<T>, deps?: () => D) {
    $effect(() => {
      const d = deps ? deps() : (undefined as D);
      this.#loading = true;
      const subscription = liveQuery(() => query(d)).subscribe({
        next: (value) => {
          this.#current = value;
          this.#error = undefined;
          this.#loading = false;
        },
        error: (error: unknown) => {
          this.#error = error;
          this.#loading = false;
        },
      });
      return () => subscription.unsubscribe();
    });
  }

  get current(): T | undefined {
    return this.#current;
  }

  get error(): unknown {
    return this.#error;
  }

  /** True until the first result (or error) for the current deps arrives. */
  get loading(): boolean {
    return this.#loading;
  }
}
