// What identifies an imported row, so that importing the same export again (or an overlapping
// one) adds nothing. The key hashes the format and the row's cells in the columns the importer
// reads — not the others, so a re-export with one more column or another currency in a header
// still matches. Rows that are identical in a file are told apart by their occurrence count.
import type { CsvRow } from './csv.ts';

const FNV_OFFSET = 0xcbf29ce484222325n;
const FNV_PRIME = 0x100000001b3n;
const MASK = 0xffffffffffffffffn;

/** 64-bit FNV-1a over UTF-16 code units, as 16 hex digits. Not for secrets: for identity. */
export function fnv1a64(text: string): string {
  let hash = FNV_OFFSET;
  for (let i = 0; i < text.length; i++) {
    hash ^= BigInt(text.charCodeAt(i));
    hash = (hash * FNV_PRIME) & MASK;
  }
  return hash.toString(16).padStart(16, '0');
}

/** The import key of every row, by row number. */
export function importKeys(
  format: string,
  rows: readonly CsvRow[],
  columns: readonly string[],
): Map<number, string> {
  const seen = new Map<string, number>();
  const keys = new Map<number, string>();
  for (const row of rows) {
    const content = columns.map((c) => row.cells.get(c) ?? '').join('\u001f');
    const occurrence = seen.get(content) ?? 0;
    seen.set(content, occurrence + 1);
    keys.set(row.row, `${format}:${fnv1a64(`${format}\u001e${content}\u001e${occurrence}`)}`);
  }
  return keys;
}
