// Filter and sort state kept in the URL, so it survives a reload and can be bookmarked.

/** The query string for `current` with `patch` applied (empty or undefined values removed). */
export function withParams(
  current: URLSearchParams,
  patch: Record<string, string | undefined>,
): string {
  const next = new URLSearchParams(current);
  for (const [key, value] of Object.entries(patch)) {
    if (value === undefined || value === '') next.delete(key);
    else next.set(key, value);
  }
  const text = next.toString();
  return text ? `?${text}` : '';
}
