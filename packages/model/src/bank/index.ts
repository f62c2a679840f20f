// Bank statement import: read CSV, OFX/QFX and QIF files into statements, recognise what is
// already stored, and link transactions to bills through payee rules. Pure; runs in a worker.
export * as accounts from './accounts.ts';
export * as amounts from './amounts.ts';
export * as csv from './csv.ts';
export * as dateformat from './dateformat.ts';
export * as decode from './decode.ts';
export * as dedupe from './dedupe.ts';
export * as fingerprint from './fingerprint.ts';
export * as hash from './hash.ts';
export * as ofx from './ofx.ts';
export * as plan from './plan.ts';
export * as qif from './qif.ts';
export * as read from './read.ts';
export * as recordid from './recordid.ts';
export * as rules from './rules.ts';
export * as statement from './statement.ts';
export * as suggest from './suggest.ts';
export * as text from './text.ts';
export type { Opened, OpenOptions } from './read.ts';
export type {
  FileError,
  ParsedFile,
  ParsedStatement,
  ParsedTransaction,
  Skip,
} from './statement.ts';
export { open, detectFormat } from './read.ts';
export { planImport } from './plan.ts';
export { suggestPayments } from './suggest.ts';
