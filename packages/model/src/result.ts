// Expected failures are values, not exceptions: callers branch on `ok`, and the edge (a view, a
// close code) turns the error into a message. Exceptions stay for bugs.

export type Result<T, E = string> = { ok: true; value: T } | { ok: false; error: E };

export const ok = <T>(value: T): { ok: true; value: T } => ({ ok: true, value });
export const err = <E>(error: E): { ok: false; error: E } => ({ ok: false, error });
