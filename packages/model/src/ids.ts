// Record ids are ULIDs: 26 characters, sortable by the time inside them. That time is also what
// places a record in its yearly document (see documents.ts), so it must never change. The clock
// and the random source are passed in; the model itself never reads either.
import { decodeTime, isValid, ulid } from 'ulid';

export interface IdSource {
  /** Current time, epoch ms. */
  now(): number;
  /** A uniform random number in [0, 1). */
  random(): number;
}

export interface Ids {
  /**
   * A new id. `at` seeds its time part: a workout imported today that happened in 2019 gets a
   * 2019 id, so it lives with 2019's records.
   */
  next(at?: number): string;
}

export function createIds(source: IdSource): Ids {
  return {
    next(at = source.now()) {
      return ulid(Math.max(0, Math.floor(at)), () => source.random());
    },
  };
}

export function isId(value: string): boolean {
  return value.length === 26 && isValid(value);
}

/** The time encoded in an id, epoch ms. */
export function timeOf(id: string): number {
  return decodeTime(id);
}
