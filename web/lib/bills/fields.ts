// Attribute helpers for inputs rendered inside Field.svelte.

/** `aria-describedby` for an input with an optional hint and error (ids from Field.svelte). */
export function describedBy(
  id: string,
  error: string | undefined,
  hint?: string,
): string | undefined {
  const ids = [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean);
  return ids.length > 0 ? ids.join(' ') : undefined;
}

/** `aria-invalid` for an input with an optional error. */
export function invalid(error: string | undefined): 'true' | undefined {
  return error ? 'true' : undefined;
}
