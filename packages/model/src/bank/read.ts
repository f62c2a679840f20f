// The entry point for a dropped file (run it in a worker): bytes → decoded text → format →
// either a parsed OFX/QIF file, or for CSV a preview to confirm the column mapping before
// csv.parse. Every failure names the file, and the line when there is one.
import { err, ok, type Result } from '../result.ts';
import * as csv from './csv.ts';
import type { DateOrder } from './dateformat.ts';
import { decode, sniffBinary, type Decoded, type Encoding } from './decode.ts';
import * as ofx from './ofx.ts';
import * as qif from './qif.ts';
import { fileError, type FileError, type Format, type ParsedFile } from './statement.ts';

export interface OpenOptions {
  fileName: string;
  /** The target account's currency: QIF and CSV files rarely say theirs. */
  currency: string;
  /** The person's choice of encoding in the preview. */
  encoding?: Encoding;
  /** The person's choice of date order (QIF). */
  dateOrder?: DateOrder;
  /** The guess when dates fit day/month and month/day (from the locale). */
  preferredDateOrder?: DateOrder;
}

export type Opened =
  | { format: 'csv'; fileName: string; decoded: Decoded; preview: csv.CsvPreview }
  | { format: 'ofx' | 'qif'; fileName: string; decoded: Decoded; file: ParsedFile };

const BINARY_MESSAGES = {
  pdf: 'this is a PDF; download the statement as CSV, OFX, QFX or QIF instead',
  zip: 'this is a spreadsheet or ZIP archive; save it as CSV, or download OFX, QFX or QIF',
  ole: 'this is an old Excel file; save it as CSV, or download OFX, QFX or QIF',
  gzip: 'this file is compressed; unpack it first',
  binary: 'this is not a text file (binary data), so not a bank statement we can read',
} as const;

/** The format of a decoded file, from its content first and its name second. */
export function detectFormat(text: string, fileName: string): Result<Format, FileError> {
  if (ofx.isOfx(text)) return ok('ofx');
  if (qif.isQif(text)) return ok('qif');
  const ext = /\.([a-z0-9]+)$/i.exec(fileName)?.[1]?.toLowerCase();
  if (ext === 'ofx' || ext === 'qfx' || ext === 'qbo') {
    return err(
      fileError(
        fileName,
        'unknown-format',
        `this is named .${ext} but has no OFX header or <OFX> element`,
      ),
    );
  }
  if (ext === 'qif') {
    return err(
      fileError(
        fileName,
        'unknown-format',
        'this is named .qif but does not start with !Type or !Account',
        1,
      ),
    );
  }
  return ok('csv');
}

export function open(bytes: Uint8Array, options: OpenOptions): Result<Opened, FileError> {
  const { fileName } = options;
  if (bytes.length === 0) return err(fileError(fileName, 'empty', 'the file is empty'));
  const decoded = decode(bytes, options.encoding);
  const binary = sniffBinary(bytes, decoded.text);
  if (binary) return err(fileError(fileName, 'binary', BINARY_MESSAGES[binary]));
  if (decoded.text.trim() === '') return err(fileError(fileName, 'empty', 'the file is empty'));

  const format = detectFormat(decoded.text, fileName);
  if (!format.ok) return format;
  if (format.value === 'csv') {
    const preview = csv.preview(decoded.text, {
      fileName,
      ...(options.preferredDateOrder ? { preferredDateOrder: options.preferredDateOrder } : {}),
    });
    return preview.ok ? ok({ format: 'csv', fileName, decoded, preview: preview.value }) : preview;
  }
  const file =
    format.value === 'ofx'
      ? ofx.parse(decoded.text, { fileName, currency: options.currency })
      : qif.parse(decoded.text, {
          fileName,
          currency: options.currency,
          ...(options.dateOrder ? { dateOrder: options.dateOrder } : {}),
          ...(options.preferredDateOrder ? { preferredDateOrder: options.preferredDateOrder } : {}),
        });
  if (!file.ok) return file;
  return ok({
    format: format.value,
    fileName,
    decoded,
    file: { ...file.value, encoding: decoded.encoding },
  });
}
