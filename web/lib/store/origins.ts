// Every Yjs transaction carries an origin; the store branches on it so nothing is stored twice
// or echoed back. Sync providers use themselves as origin (y-websocket's convention).

/** Loaded from IndexedDB: already stored. */
export const LOAD = Symbol('load');
/** Another tab's update, read back from the log it wrote: already stored and projected. */
export const CATCH_UP = Symbol('catch-up');
/** An edit made in this tab. */
export const LOCAL = Symbol('local');
/** A migration run when a document opened. */
export const MIGRATE = Symbol('migrate');
/** A restored backup, merged in. */
export const RESTORE = Symbol('restore');

export function isStored(origin: unknown): boolean {
  return origin === LOAD || origin === CATCH_UP;
}
