// When the user last touched the app, for idle detection. Every interaction (and the app opening
// or becoming visible again) is a touch; a touch after a gap longer than the idle threshold means
// the user is back from being away, and the gap began at the previous touch. The time is kept in
// device-local storage, written at most every `saveEveryMs` (and when the page is hidden), so a
// closed app still knows when it was last used.

export interface Touch {
  /** The previous interaction, when the user had been away longer than the threshold. */
  awaySince?: number;
  /** Whether to write the new time to storage now. */
  save: boolean;
}

export class Activity {
  #last: number;
  #savedAt = -Infinity;
  readonly #saveEveryMs: number;

  constructor(last: number, saveEveryMs = 15_000) {
    this.#last = last;
    this.#saveEveryMs = saveEveryMs;
  }

  get last(): number {
    return this.#last;
  }

  /** Another tab's (or an earlier session's) last interaction, from storage. */
  merge(stored: number | undefined): void {
    if (stored !== undefined && stored > this.#last) this.#last = stored;
  }

  touch(now: number, awayMs: number): Touch {
    const previous = this.#last;
    const away = now - previous > awayMs;
    if (now > this.#last) this.#last = now;
    const save = away || now - this.#savedAt >= this.#saveEveryMs;
    if (save) this.#savedAt = now;
    return away ? { awaySince: previous, save } : { save };
  }

  /** The page is being hidden: store the latest time even if it was stored a moment ago. */
  flush(now: number): boolean {
    if (this.#savedAt >= this.#last) return false;
    this.#savedAt = now;
    return true;
  }
}
