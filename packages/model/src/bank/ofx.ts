// OFX and QFX statements (QFX is Quicken's OFX with an extra INTU.* block): OFX 1.x SGML with a
// `KEY:VALUE` header, OFX 2.x XML with `<?OFX …?>`, and the mixtures banks produce. Bank
// (STMTRS) and credit card (CCSTMTRS) statements, any number per file. Transactions with a
// missing or impossible date or amount are left out and reported; a server error in the file
// fails the whole file with the server's own message.
import * as dates from '../dates.ts';
import * as money from '../money.ts';
import { err, ok, type Result } from '../result.ts';
import { parseAmount } from './amounts.ts';
import { hashHex } from './hash.ts';
import * as markup from './markup.ts';
import {
  fileError,
  skip,
  type AccountKind,
  type Balance,
  type FileError,
  type ParsedFile,
  type ParsedStatement,
  type ParsedTransaction,
  type Skip,
  type StatementAccount,
} from './statement.ts';
import { clip, storedText } from './text.ts';

export interface OfxOptions {
  fileName: string;
  /** For a statement without CURDEF (the spec requires it; some exports omit it). */
  currency?: string;
}

const OFX_START = /<OFX(?:\s[^>]*)?>/i;

/** Whether the text is OFX/QFX: an OFX 1.x header, an `<?OFX?>` declaration or an `<OFX>` root. */
export function isOfx(text: string): boolean {
  const head = text.slice(0, 65_536);
  return /^\s*OFXHEADER\s*:/i.test(head) || /<\?OFX\b/i.test(head) || OFX_START.test(head);
}

export function parse(text: string, options: OfxOptions): Result<ParsedFile, FileError> {
  const { fileName } = options;
  const start = OFX_START.exec(text);
  if (!start) {
    return err(
      isOfx(text)
        ? fileError(fileName, 'truncated', 'the OFX header is there but the <OFX> body is missing')
        : fileError(fileName, 'unknown-format', 'this is not an OFX file (no <OFX> element)'),
    );
  }
  const tree = markup.parseMarkup(text, start.index);
  if (!tree.ok)
    return err(fileError(fileName, tree.error.kind, tree.error.message, tree.error.line));
  const ofx = markup.child(tree.value, 'OFX');
  if (!ofx) return err(fileError(fileName, 'syntax', 'no <OFX> element'));

  const signon = markup.at(ofx, 'SIGNONMSGSRSV1', 'SONRS', 'STATUS');
  const signonError = statusError(signon, 'sign-on');
  if (signonError) return err(fileError(fileName, 'server-error', signonError, signon?.line));

  for (const wrapper of markup.findAll(ofx, ['STMTTRNRS', 'CCSTMTTRNRS'])) {
    const status = markup.child(wrapper, 'STATUS');
    const hasStatement = Boolean(
      markup.child(wrapper, 'STMTRS') ?? markup.child(wrapper, 'CCSTMTRS'),
    );
    const problem = statusError(status, 'statement', hasStatement);
    if (problem) return err(fileError(fileName, 'server-error', problem, status?.line));
  }

  const institution = markup.valueOf(markup.at(ofx, 'SIGNONMSGSRSV1', 'SONRS', 'FI'), 'ORG');
  const statementEls = markup.findAll(ofx, ['STMTRS', 'CCSTMTRS']);
  if (statementEls.length === 0 && markup.findAll(ofx, ['INVSTMTRS']).length > 0) {
    return err(
      fileError(
        fileName,
        'unknown-format',
        'investment statements are not supported, only bank and credit card statements',
      ),
    );
  }

  const statements: ParsedStatement[] = [];
  const skipped: Skip[] = [];
  for (const el of statementEls) {
    const statement = readStatement(el, options, institution, skipped);
    if (!statement.ok) return err(statement.error);
    statements.push(statement.value);
  }
  skipped.sort((a, b) => a.line - b.line);
  return ok({ fileName, format: 'ofx', statements, skipped });
}

function statusError(
  status: markup.Element | undefined,
  what: string,
  hasStatement = true,
): string | undefined {
  if (!status) return undefined;
  const code = markup.valueOf(status, 'CODE') ?? '0';
  const severity = (markup.valueOf(status, 'SEVERITY') ?? 'INFO').toUpperCase();
  if (severity !== 'ERROR' && (code === '0' || hasStatement)) return undefined;
  const message = markup.valueOf(status, 'MESSAGE');
  return `the bank's server returned an error instead of the ${what}: ${message ? `"${message}"` : 'no message'} (code ${code})`;
}

const ACCOUNT_KINDS: Record<string, AccountKind> = {
  CHECKING: 'checking',
  SAVINGS: 'savings',
  MONEYMRKT: 'savings',
  CD: 'savings',
  CREDITLINE: 'credit',
};

function readStatement(
  el: markup.Element,
  options: OfxOptions,
  institution: string | undefined,
  skipped: Skip[],
): Result<ParsedStatement, FileError> {
  const curdef = markup.valueOf(el, 'CURDEF')?.toUpperCase();
  const currency = curdef && money.isCurrency(curdef) ? curdef : options.currency;
  if (!currency) {
    return err(
      fileError(
        options.fileName,
        'currency',
        curdef
          ? `"${curdef}" is not a currency code`
          : 'the statement does not say its currency (no CURDEF); choose one and import again',
        el.line,
      ),
    );
  }

  const transactions: ParsedTransaction[] = [];
  const list = markup.child(el, 'BANKTRANLIST');
  for (const trn of markup.childrenNamed(list, 'STMTTRN')) {
    const read = readTransaction(trn, currency);
    if (read.ok) transactions.push(read.value);
    else skipped.push(skip(trn.line, read.error));
  }

  const start = list ? ofxDate(markup.valueOf(list, 'DTSTART')) : undefined;
  const end = list ? ofxDate(markup.valueOf(list, 'DTEND')) : undefined;
  const ledgerBalance = balance(markup.child(el, 'LEDGERBAL'), currency);
  const availableBalance = balance(markup.child(el, 'AVAILBAL'), currency);
  return ok({
    account: account(el, institution),
    currency,
    transactions,
    ...(start ? { start } : {}),
    ...(end ? { end } : {}),
    ...(ledgerBalance ? { ledgerBalance } : {}),
    ...(availableBalance ? { availableBalance } : {}),
  });
}

function account(el: markup.Element, institution: string | undefined): StatementAccount {
  const bank = markup.child(el, 'BANKACCTFROM');
  const card = markup.child(el, 'CCACCTFROM');
  const from = bank ?? card;
  const number = (markup.valueOf(from, 'ACCTID') ?? '').replace(/\s+/g, '');
  const type = markup.valueOf(bank, 'ACCTTYPE')?.toUpperCase();
  const kind: AccountKind | undefined = card ? 'credit' : type ? ACCOUNT_KINDS[type] : undefined;
  const bankId = markup.valueOf(bank, 'BANKID') ?? '';
  return {
    ...(number
      ? { key: `ofx:${hashHex(['ofx', card ? 'card' : 'bank', bankId, number].join('\n'))}` }
      : {}),
    ...(number ? { numberHint: number.slice(-4) } : {}),
    ...(kind ? { kind } : {}),
    ...(institution ? { institution: storedText(institution) } : {}),
  };
}

function readTransaction(
  trn: markup.Element,
  statementCurrency: string,
): Result<ParsedTransaction> {
  const fitid = markup.valueOf(trn, 'FITID');
  const label = fitid ? `transaction ${fitid}` : 'a transaction';
  const posted = markup.valueOf(trn, 'DTPOSTED');
  if (posted === undefined) return err(`${label} has no date (DTPOSTED is missing); left out`);
  if (posted === '') return err(`${label} has an empty date (DTPOSTED); left out`);
  const date = ofxDate(posted);
  if (!date) return err(`${label} has the date "${posted}", which is not a real date; left out`);

  const cursym = markup.valueOf(markup.child(trn, 'CURRENCY'), 'CURSYM')?.toUpperCase();
  const currency = cursym && money.isCurrency(cursym) ? cursym : statementCurrency;
  const rawAmount = markup.valueOf(trn, 'TRNAMT');
  if (rawAmount === undefined || rawAmount === '') {
    return err(`${label} has no amount (TRNAMT); left out`);
  }
  // OFX allows a decimal comma but no thousands separators.
  const amount = parseAmount(rawAmount, currency, rawAmount.includes(',') ? ',' : '.');
  if (!amount.ok) return err(`${label}: ${amount.error}; left out`);

  const payee = markup.valueOf(trn, 'NAME') ?? markup.valueOf(markup.child(trn, 'PAYEE'), 'NAME');
  const memo = storedText(markup.valueOf(trn, 'MEMO'));
  const checkNumber = markup.valueOf(trn, 'CHECKNUM');
  const kind = markup.valueOf(trn, 'TRNTYPE');
  return ok({
    line: trn.line,
    date,
    amount: amount.value,
    currency,
    payee: storedText(payee),
    ...(memo ? { memo } : {}),
    ...(fitid ? { providerId: clip(fitid, 255) } : {}),
    ...(checkNumber ? { checkNumber } : {}),
    ...(kind ? { kind: kind.toUpperCase() } : {}),
  });
}

function balance(el: markup.Element | undefined, currency: string): Balance | undefined {
  const raw = markup.valueOf(el, 'BALAMT');
  if (!raw) return undefined;
  const amount = parseAmount(raw, currency, raw.includes(',') ? ',' : '.');
  if (!amount.ok) return undefined;
  const date = ofxDate(markup.valueOf(el, 'DTASOF'));
  return { amount: amount.value, ...(date ? { date } : {}) };
}

const OFX_DATE =
  /^(\d{4})(\d{2})(\d{2})(?:\d{2}(?:\d{2}(?:\d{2}(?:[.,]\d{1,6})?)?)?)?\s*(?:\[[^\]]*\])?$/;

/**
 * The calendar date of an OFX datetime (`20090401122017.000[-5:EST]`) as the bank wrote it: the
 * date in the bank's own zone, which is the date on the person's statement.
 */
export function ofxDate(text: string | undefined): dates.CalendarDate | undefined {
  const m = OFX_DATE.exec(text?.trim() ?? '');
  if (!m) return undefined;
  const date = `${m[1]}-${m[2]}-${m[3]}`;
  return dates.isCalendarDate(date) ? date : undefined;
}
