// Giving memory back once the server is idle. A home server spends most of the day with no
// document loaded, but V8 keeps the heap of its busiest moment, and garbage left by the last
// burst stays until something allocates again — which an idle process never does. So when the
// last document unloads, the server asks V8 once for a full collection that shrinks the heap
// (tens of milliseconds, at a moment when nobody is waiting).
//
// V8 offers that as `gc()` only behind --expose-gc. Setting the flag at run time and taking `gc`
// from a fresh context (as Jest's leak detector does) reaches it without changing how Node is
// started, so `node sync-server/dist/cli.js serve` under any service manager behaves the same.
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

type GcOptions = { type: 'major'; execution: 'sync'; flavor: 'last-resort' };
type Gc = (options: GcOptions) => void;

let gc: Gc | null = null;

function collector(): Gc {
  if (gc === null) {
    setFlagsFromString('--expose-gc');
    gc = runInNewContext('gc') as Gc;
  }
  return gc;
}

export interface IdleCollector {
  /** Call when the server may have turned idle; `isIdle` is asked again when the time comes. */
  schedule(): void;
  close(): void;
}

/** Collects `delayMs` after the last `schedule()`, if the server is still idle by then. */
export function idleCollector(isIdle: () => boolean, delayMs = 2_000): IdleCollector {
  let timer: NodeJS.Timeout | undefined;
  return {
    schedule() {
      clearTimeout(timer);
      timer = setTimeout(() => {
        if (isIdle()) collector()({ type: 'major', execution: 'sync', flavor: 'last-resort' });
      }, delayMs);
      timer.unref();
    },
    close() {
      clearTimeout(timer);
    },
  };
}
