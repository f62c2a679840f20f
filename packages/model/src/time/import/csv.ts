// Reading a CSV export into named cells. Rows are numbered as a spreadsheet shows them (the
// header is row 1), so an error message points at the row the user can find.
import Papa from 'papaparse';
import { err, ok, type Result } from '../../result.ts';

export interface CsvRow {
  /** 1-based, header = 1. */
  row: number;
  /** Cells by header name, lower-cased and trimmed: `cells.get('start date')`. */
  cells: ReadonlyMap<string, string>;
  /** A problem papaparse found on this row (a stray quote, a missing cell). */
  problem?: string;
}

export interface CsvTable {
  /** Header names as written (without a BOM). */
  headers: string[];
  rows: CsvRow[];
}

/** Header names compare lower-cased with inner spaces collapsed: "Start  Date" = "start date". */
export function headerKey(name: string): string {
  return name
    .replace(/^\uFEFF/, '')
    .trim()
    .replace(/\s+/g, ' ')
    .toLowerCase();
}

export function readCsv(text: string): Result<CsvTable, string> {
  const parsed = Papa.parse<string[]>(text.replace(/^\uFEFF/, ''), { skipEmptyLines: false });
  const data = parsed.data;
  const header = data[0];
  if (!header || header.every((h) => h.trim() === '')) return err('The file is empty.');
  const headers = header.map((h) => h.replace(/^\uFEFF/, '').trim());
  const keys = headers.map(headerKey);
  const problems = new Map<number, string>();
  for (const e of parsed.errors) {
    // A one-column file has no delimiter to guess; that is not a problem with any row.
    if (e.code === 'UndetectableDelimiter' || e.row === undefined) continue;
    if (!problems.has(e.row)) problems.set(e.row, e.message);
  }
  const rows: CsvRow[] = [];
  for (let i = 1; i < data.length; i++) {
    const cells = data[i] ?? [];
    if (cells.every((c) => c.trim() === '')) continue;
    const byName = new Map<string, string>();
    keys.forEach((key, k) => {
      if (key !== '' && !byName.has(key)) byName.set(key, (cells[k] ?? '').trim());
    });
    const problem =
      problems.get(i) ??
      (cells.length > headers.length && cells.slice(headers.length).some((c) => c.trim() !== '')
        ? `it has ${cells.length} cells but the header has ${headers.length}`
        : undefined);
    rows.push({ row: i + 1, cells: byName, ...(problem !== undefined && { problem }) });
  }
  return ok({ headers, rows });
}
