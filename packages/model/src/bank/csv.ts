// CSV bank exports: every bank picks its own columns, language, date format, decimal separator
// and delimiter. Import is two steps. `preview` reads the file and proposes a column mapping
// from the header names (in several languages) and from the data, with the date order and
// decimal separator it detected and whether those were guesses; the person checks or edits the
// mapping. `parse` then reads every row with that mapping; a row that does not fit is left out
// and reported with its line, and the file fails only if no row fits at all.
import Papa from 'papaparse';
import * as money from '../money.ts';
import { err, ok, type Result } from '../result.ts';
import {
  detectDecimalSeparator,
  parseAmount,
  type DecimalSeparator,
  type SeparatorGuess,
} from './amounts.ts';
import {
  dateOrderLabels,
  detectDateOrder,
  looksLikeDate,
  parseDate,
  type DateOrder,
  type DateOrderGuess,
} from './dateformat.ts';
import {
  fileError,
  skip,
  type FileError,
  type ParsedFile,
  type ParsedTransaction,
  type Skip,
} from './statement.ts';
import { clip, collapse, foldKey, storedText } from './text.ts';

export type CsvField =
  'date' | 'amount' | 'debit' | 'credit' | 'payee' | 'memo' | 'currency' | 'category' | 'id';

/** Which column (0-based) holds what. Either `amount`, or `debit` and/or `credit`. */
export interface CsvMapping {
  delimiter: string;
  hasHeader: boolean;
  date?: number;
  /** Signed: negative is money out. */
  amount?: number;
  /** Money out, written with or without a minus sign. */
  debit?: number;
  /** Money in. */
  credit?: number;
  payee?: number;
  memo?: number;
  /** ISO code per row; without it every row is in the account's currency. */
  currency?: number;
  category?: number;
  /** The bank's transaction id, used like an OFX FITID to recognise re-imports. */
  id?: number;
  dateOrder: DateOrder;
  decimalSeparator: DecimalSeparator;
}

export interface CsvPreview {
  delimiter: string;
  hasHeader: boolean;
  /** The header row, or "Column 1", "Column 2", … when the file has none. */
  headers: string[];
  /** The first data rows, for the mapping screen. */
  rows: string[][];
  /** Line of each row in `rows`. */
  lines: number[];
  rowCount: number;
  /** The proposed mapping. */
  mapping: CsvMapping;
  /** Fields the import needs that were not found: the person must pick them. */
  missing: ('date' | 'amount')[];
  dateOrder: DateOrderGuess;
  decimalSeparator: SeparatorGuess;
}

export interface PreviewOptions {
  fileName: string;
  /** Rows to return for display (default 20). */
  sampleRows?: number;
  /** Used when the dates fit both day/month and month/day; typically from the person's locale. */
  preferredDateOrder?: DateOrder;
}

export interface ParseOptions {
  fileName: string;
  /** The account's currency, for rows without a currency column. */
  currency: string;
  /** Called every 1,000 rows with rows done and the total, for a progress bar. */
  onProgress?: (done: number, total: number) => void;
}

interface Row {
  line: number;
  cells: string[];
}

function names(list: string): readonly string[] {
  return list.split(' ');
}

// Header names by field, folded (lower case, no accents, letters and digits only), best first.
// Several languages: English, German, French, Spanish, Italian, Dutch, Polish, Nordic, Hungarian.
const HEADERS: Record<CsvField, readonly string[]> = {
  date: names(
    'bookingdate postingdate posteddate transactiondate date transdate buchungstag ' +
      'buchungsdatum datum fecha fechaoperacion fechacontable data dataoperazione ' +
      'datacontabile dateoperation datedeloperation datecomptable konyvelesdatuma ' +
      'tranzakciodatuma boekdatum transactiedatum dataksiegowania datatransakcji ' +
      'bokforingsdag bokforingsdatum kirjauspaiva paivamaara dato bogforingsdato valuedate ' +
      'valutadatum wertstellung datavaluta datevaleur ertekdatum',
  ),
  amount: names(
    'amount transactionamount amt betrag umsatz importe importo montant bedrag kwota ' +
      'osszeg belopp belob belop summa summe valor value',
  ),
  debit: names(
    'debit debitamount withdrawal withdrawals moneyout paidout outflow out soll ' +
      'lastschrift ausgang belastung cargo cargos debe debito addebito addebiti uscite af ' +
      'afschrijving terheles wyplata obciazenie uttag debet charges spent',
  ),
  credit: names(
    'credit creditamount deposit deposits moneyin paidin inflow in haben gutschrift ' +
      'eingang abono abonos haber credito accredito accrediti entrate bij bijschrijving ' +
      'jovairas wplata uznanie insattning kredit received',
  ),
  payee: names(
    'payee payeename merchant merchantname counterparty counterpartyname beneficiary ' +
      'recipient name empfanger zahlungsempfanger begunstigter ' +
      'begunstigterzahlungspflichtiger auftraggeberempfanger auftraggeber ' +
      'namezahlungsbeteiligter beneficiario beneficiaire tiers naam naamomschrijving ' +
      'tegenpartij partnernev partnerneve kedvezmenyezett kedvezmenyezettneve odbiorca ' +
      'nadawcaodbiorca mottagare description transactiondescription libelle concepto ' +
      'details narrative particulars payer title',
  ),
  memo: names(
    'memo notes note verwendungszweck reference communication comment comments kozlemeny ' +
      'megjegyzes mededelingen omschrijving causale referencia motivo tytul tytuloperacji ' +
      'meddelande message purpose remittanceinformation additionalinformation information ' +
      'buchungstext description details detail',
  ),
  currency: names(
    'currency currencycode ccy curr cur wahrung waehrung devise divisa moneda valuta ' +
      'devizanem deviza waluta mena valuutta',
  ),
  category: names('category kategorie categorie categoria kategoria kategori'),
  id: names(
    'transactionid transactionreference fitid transaktionsid tranzakcioazonosito ' +
      'idtransakcji referencenumber bankreference',
  ),
};

// Headers that look like an amount but are a running balance.
const NOT_AMOUNT = ['balance', 'saldo', 'solde', 'egyenleg', 'kontostand', 'szamlaegyenleg'];

/** Reads the file and proposes a mapping; fails only when the file is not a usable table. */
export function preview(text: string, options: PreviewOptions): Result<CsvPreview, FileError> {
  const { fileName } = options;
  const read = readRows(text, fileName);
  if (!read.ok) return read;
  const { delimiter, rows } = read.value;
  if (rows.length === 0) return err(fileError(fileName, 'empty', 'the file has no rows'));
  // A loop, not Math.max(...rows): spreading 100 000+ rows overflows the call stack.
  let width = 0;
  for (const r of rows) if (r.cells.length > width) width = r.cells.length;
  if (width < 2) {
    return err(
      fileError(
        fileName,
        'unknown-format',
        'this is not a bank statement CSV: every line has a single column',
      ),
    );
  }

  const first = rows[0]?.cells ?? [];
  const hasHeader = looksLikeHeader(first, rows[1]?.cells);
  const headers = Array.from({ length: width }, (_, i) =>
    hasHeader ? collapse(first[i] ?? '') || `Column ${i + 1}` : `Column ${i + 1}`,
  );
  const data = hasHeader ? rows.slice(1) : rows;
  const column = (i: number): string[] => data.map((r) => (r.cells[i] ?? '').trim());
  // What a column holds shows in its first rows; the date order is decided over all of them.
  const head = data.slice(0, FIT_SAMPLE);
  const sampleColumn = (i: number): string[] => head.map((r) => (r.cells[i] ?? '').trim());
  const mapping = proposeMapping(hasHeader ? first : [], width, sampleColumn);

  if (mapping.date === undefined && !head.some((r) => r.cells.some((c) => looksLikeDate(c)))) {
    return err(
      fileError(
        fileName,
        'unknown-format',
        'this is not a bank statement CSV: no column holds dates',
      ),
    );
  }
  const dateOrder =
    mapping.date === undefined
      ? { order: undefined, candidates: [], ambiguous: false, reason: 'no date column' }
      : detectDateOrder(column(mapping.date), options.preferredDateOrder ?? 'dmy');
  const amountValues = [mapping.amount, mapping.debit, mapping.credit].flatMap((i) =>
    i === undefined ? [] : column(i),
  );
  const decimalSeparator = detectDecimalSeparator(amountValues, delimiter === ';' ? ',' : '.');
  const missing: ('date' | 'amount')[] = [];
  if (mapping.date === undefined) missing.push('date');
  if (mapping.amount === undefined && mapping.debit === undefined && mapping.credit === undefined)
    missing.push('amount');

  const sample = data.slice(0, options.sampleRows ?? 20);
  return ok({
    delimiter,
    hasHeader,
    headers,
    rows: sample.map((r) => headers.map((_, i) => r.cells[i] ?? '')),
    lines: sample.map((r) => r.line),
    rowCount: data.length,
    mapping: {
      ...mapping,
      delimiter,
      hasHeader,
      dateOrder: dateOrder.order ?? options.preferredDateOrder ?? 'dmy',
      decimalSeparator: decimalSeparator.separator,
    },
    missing,
    dateOrder,
    decimalSeparator,
  });
}

/** Reads every row with the mapping. Rows that do not fit are left out and listed in `skipped`. */
export function parse(
  text: string,
  mapping: CsvMapping,
  options: ParseOptions,
): Result<ParsedFile, FileError> {
  const { fileName, currency: defaultCurrency } = options;
  if (!money.isCurrency(defaultCurrency)) {
    return err(fileError(fileName, 'currency', `"${defaultCurrency}" is not a currency code`));
  }
  if (mapping.date === undefined) {
    return err(fileError(fileName, 'mapping', 'choose which column holds the date'));
  }
  if (mapping.amount === undefined && mapping.debit === undefined && mapping.credit === undefined) {
    return err(
      fileError(
        fileName,
        'mapping',
        'choose which column holds the amount (or the debit and credit columns)',
      ),
    );
  }
  const read = readRows(text, fileName, mapping.delimiter);
  if (!read.ok) return read;
  const data = mapping.hasHeader ? read.value.rows.slice(1) : read.value.rows;
  if (data.length === 0)
    return err(fileError(fileName, 'no-transactions', 'the file has no rows under the header'));

  const transactions: ParsedTransaction[] = [];
  const skipped: Skip[] = [];
  const seenIds = new Set<string>();
  for (let i = 0; i < data.length; i++) {
    const row = data[i];
    if (!row) continue;
    const parsed = readRow(row, mapping, defaultCurrency);
    if (parsed.ok) {
      // A repeated bank id would hide a transaction: keep the row, drop the id.
      const id = parsed.value.providerId;
      if (id !== undefined) {
        if (seenIds.has(id)) delete parsed.value.providerId;
        seenIds.add(id);
      }
      transactions.push(parsed.value);
    } else skipped.push(skip(row.line, parsed.error));
    if (options.onProgress && (i + 1) % 1000 === 0) options.onProgress(i + 1, data.length);
  }
  options.onProgress?.(data.length, data.length);
  if (transactions.length === 0) {
    return err(
      fileError(
        fileName,
        'mapping',
        `none of the ${data.length} rows could be read with this mapping; the first problem is on ${skipped[0]?.reason ?? 'line 1'}`,
        skipped[0]?.line,
      ),
    );
  }
  return ok({
    fileName,
    format: 'csv',
    statements: [{ account: {}, currency: defaultCurrency, transactions }],
    skipped,
  });
}

function readRow(
  row: Row,
  mapping: CsvMapping,
  defaultCurrency: string,
): Result<ParsedTransaction> {
  const cell = (i: number | undefined): string =>
    i === undefined ? '' : (row.cells[i] ?? '').trim();
  const rawDate = cell(mapping.date);
  if (rawDate === '') return err('no date; left out');
  const date = parseDate(rawDate, mapping.dateOrder);
  if (!date)
    return err(
      `"${rawDate}" is not a date (read as ${dateOrderLabels[mapping.dateOrder]}); left out`,
    );

  const rawCurrency = cell(mapping.currency).toUpperCase();
  if (rawCurrency !== '' && !money.isCurrency(rawCurrency)) {
    return err(`"${rawCurrency}" is not a currency code; left out`);
  }
  const currency = rawCurrency || defaultCurrency;

  let amount: number;
  if (mapping.amount !== undefined) {
    const raw = cell(mapping.amount);
    if (raw === '') return err('no amount; left out');
    const parsed = parseAmount(raw, currency, mapping.decimalSeparator);
    if (!parsed.ok) return err(`${parsed.error}; left out`);
    amount = parsed.value;
  } else {
    const out = cell(mapping.debit);
    const inn = cell(mapping.credit);
    if (out === '' && inn === '') return err('neither a debit nor a credit amount; left out');
    const debit = out === '' ? ok(0) : parseAmount(out, currency, mapping.decimalSeparator);
    if (!debit.ok) return err(`debit: ${debit.error}; left out`);
    const credit = inn === '' ? ok(0) : parseAmount(inn, currency, mapping.decimalSeparator);
    if (!credit.ok) return err(`credit: ${credit.error}; left out`);
    amount = Math.abs(credit.value) - Math.abs(debit.value);
  }

  const memo = storedText(cell(mapping.memo));
  const category = storedText(cell(mapping.category));
  const id = clip(cell(mapping.id), 255);
  return ok({
    line: row.line,
    date,
    amount,
    currency,
    payee: storedText(cell(mapping.payee)),
    ...(memo ? { memo } : {}),
    ...(category ? { category } : {}),
    ...(id ? { providerId: id } : {}),
  });
}

/** Rows with their line numbers; blank rows dropped. */
function readRows(
  text: string,
  fileName: string,
  delimiter?: string,
): Result<{ delimiter: string; rows: Row[] }, FileError> {
  const body = text.replace(/^\uFEFF/, '');
  const rows: Row[] = [];
  let line = 1;
  let pos = 0;
  let problem: FileError | undefined;
  let detected = delimiter ?? ',';
  Papa.parse<string[]>(body, {
    ...(delimiter ? { delimiter } : { delimitersToGuess: [',', ';', '\t', '|'] }),
    skipEmptyLines: false,
    step: (result, parser) => {
      const startLine = line;
      const end = result.meta.cursor;
      for (let k = pos; k < end; k++) if (body.charCodeAt(k) === 10) line++;
      pos = end;
      detected = result.meta.delimiter;
      const quoteError = result.errors.find((e) => e.type === 'Quotes');
      if (quoteError) {
        problem = fileError(
          fileName,
          'syntax',
          'a quoted field starts here and is never closed (the file may be cut off)',
          startLine,
        );
        parser.abort();
        return;
      }
      const cells = result.data;
      if (cells.some((c) => c.trim() !== '')) rows.push({ line: startLine, cells });
    },
  });
  if (problem) return err(problem);
  return ok({ delimiter: detected, rows });
}

function looksLikeHeader(first: readonly string[], second: readonly string[] | undefined): boolean {
  const known = first.filter((c) => fieldsForHeader(c).length > 0).length;
  if (known > 0) return true;
  const dated = (cells: readonly string[] | undefined): boolean =>
    (cells ?? []).some((c) => looksLikeDate(c));
  return !dated(first) && dated(second);
}

function fieldsForHeader(header: string): CsvField[] {
  const key = foldKey(header);
  if (key === '') return [];
  return (Object.keys(HEADERS) as CsvField[]).filter((f) => headerRank(f, key) !== undefined);
}

/** How well a header names a field: lower is better; undefined when it does not. */
function headerRank(field: CsvField, key: string): number | undefined {
  if (
    (field === 'amount' || field === 'debit' || field === 'credit') &&
    NOT_AMOUNT.some((w) => key.includes(w))
  )
    return undefined;
  const names = HEADERS[field];
  const exact = names.indexOf(key);
  if (exact >= 0) return exact;
  // "Amount (EUR)", "Transaction Date (UTC)": the name inside a longer header, at lower rank.
  const inside = names.findIndex((n) => n.length >= 4 && key.includes(n));
  return inside >= 0 ? names.length + inside : undefined;
}

type Column = (i: number) => string[];

const FIT_SAMPLE = 1000;

function share(values: readonly string[], test: (v: string) => boolean): number {
  const filled = values.filter((v) => v !== '');
  return filled.length === 0 ? 0 : filled.filter(test).length / filled.length;
}

// Reads as an amount in some currency: 4 decimals is the most any currency has (CLF).
const isAmount = (v: string): boolean => parseAmount(v, 'CLF').ok;
const isCurrencyCode = (v: string): boolean => money.isCurrency(v.toUpperCase());

const FITS: Record<CsvField, (values: readonly string[]) => boolean> = {
  date: (vs) => vs.some((v) => v !== '') && share(vs, looksLikeDate) >= 0.8,
  amount: (vs) => vs.some((v) => v !== '') && share(vs, isAmount) >= 0.8,
  debit: (vs) => share(vs, isAmount) >= 0.8 || vs.every((v) => v === ''),
  credit: (vs) => share(vs, isAmount) >= 0.8 || vs.every((v) => v === ''),
  currency: (vs) => share(vs, isCurrencyCode) >= 0.8 || vs.every((v) => v === ''),
  payee: () => true,
  memo: () => true,
  category: () => true,
  id: (vs) => {
    const filled = vs.filter((v) => v !== '');
    return filled.length >= vs.length * 0.9 && new Set(filled).size === filled.length;
  },
};

const ORDER: readonly CsvField[] = [
  'date',
  'amount',
  'debit',
  'credit',
  'currency',
  'id',
  'payee',
  'memo',
  'category',
];

function proposeMapping(
  header: readonly string[],
  width: number,
  column: Column,
): Partial<Record<CsvField, number>> {
  const used = new Set<number>();
  const mapping: Partial<Record<CsvField, number>> = {};
  for (const field of ORDER) {
    if ((field === 'debit' || field === 'credit') && mapping.amount !== undefined) continue;
    let best: { index: number; rank: number } | undefined;
    header.forEach((h, index) => {
      if (used.has(index)) return;
      const rank = headerRank(field, foldKey(h));
      if (rank === undefined || (best && best.rank <= rank)) return;
      if (!FITS[field](column(index))) return;
      best = { index, rank };
    });
    if (best) {
      mapping[field] = best.index;
      used.add(best.index);
    }
  }
  // Without a header (or with names we do not know), fall back to what the data looks like.
  const free = Array.from({ length: width }, (_, i) => i).filter(
    (i) => !used.has(i) && !NOT_AMOUNT.some((w) => foldKey(header[i] ?? '').includes(w)),
  );
  const take = (i: number | undefined, field: CsvField): void => {
    if (i === undefined) return;
    mapping[field] = i;
    used.add(i);
    free.splice(free.indexOf(i), 1);
  };
  if (mapping.date === undefined)
    take(
      free.find((i) => FITS.date(column(i))),
      'date',
    );
  if (mapping.amount === undefined && mapping.debit === undefined && mapping.credit === undefined) {
    const numeric = free.filter(
      (i) => FITS.amount(column(i)) && share(column(i), looksLikeDate) < 0.5,
    );
    // A signed or decimal column is an amount; plain whole numbers may be ids or references.
    const amountLike = numeric.find((i) => column(i).some((v) => /[-(.,]\d|\d[.,]\d/.test(v)));
    take(amountLike ?? numeric[0], 'amount');
  }
  if (mapping.payee === undefined) {
    const texts = free
      .map((i) => ({
        i,
        distinct: new Set(column(i).filter((v) => v !== '' && !isAmount(v) && !looksLikeDate(v)))
          .size,
      }))
      .filter((c) => c.distinct > 0)
      .sort((a, b) => b.distinct - a.distinct || a.i - b.i);
    take(texts[0]?.i, 'payee');
  }
  return mapping;
}
