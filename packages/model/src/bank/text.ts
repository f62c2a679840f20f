// Text as it comes out of statements: padded, with runs of spaces and non-breaking spaces, in
// any case. Matching and fingerprints compare the normalised form; records keep what the bank
// wrote (collapsed and clipped to what the schema stores).

/** Trims and collapses every run of whitespace (including NBSP and tabs) to one space. */
export function collapse(text: string): string {
  return text.replace(/[\s\u00a0\u202f\u2007]+/g, ' ').trim();
}

/** The form payee rules and fingerprints compare: NFKC, lower case, whitespace collapsed. */
export function normalise(text: string): string {
  return collapse(text.normalize('NFKC').toLowerCase());
}

/** At most `max` characters, never splitting a surrogate pair. */
export function clip(text: string, max: number): string {
  if (text.length <= max) return text;
  const end = /[\ud800-\udbff]/.test(text.charAt(max - 1)) ? max - 1 : max;
  return text.slice(0, end);
}

/** What the schema keeps of a payee or memo: collapsed, at most 500 characters. */
export function storedText(text: string | undefined): string {
  return clip(collapse(text ?? ''), 500);
}

/** Lower case without accents, letters and digits only: for comparing column headers. */
export function foldKey(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/ß/g, 'ss')
    .replace(/[^\p{L}\p{N}]+/gu, '');
}
