// A clock for views: `now` moves every `intervalMs` while the component that made it is alive.
// A running timer's elapsed time is derived from its start and this, never counted by itself.
import { now } from './system.ts';

export class Ticker {
  #now = $state(now());

  constructor(intervalMs = 1000) {
    $effect(() => {
      const timer = setInterval(() => (this.#now = now()), intervalMs);
      return () => clearInterval(timer);
    });
  }

  get now(): number {
    return this.#now;
  }
}
