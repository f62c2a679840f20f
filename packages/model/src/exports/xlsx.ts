// Sheets as an .xlsx workbook (Office Open XML, SpreadsheetML): a zip of a few XML parts. Written
// here rather than with write-excel-file because that library zips large parts with fflate's
// asynchronous API, which starts helper workers from blob: URLs — something the server's content
// security policy forbids and some browsers cannot do from inside a worker. This writer is
// synchronous (it runs in the export worker anyway) and small: inline strings, numbers, booleans,
// dates as serial numbers with a date format, a bold frozen header row and column widths.
import { zipSync, strToU8 } from 'fflate';
import type { Sheet, SheetCell } from './sheets.ts';

const MAIN = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const PKG_REL = 'http://schemas.openxmlformats.org/package/2006/relationships';
const HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';
const DAY_MS = 86_400_000;
/** Days from 1899-12-30 (the 1900 date system's day 0, after its leap-year bug) to 1970-01-01. */
const EPOCH_SERIAL = 25_569;
/** Custom number formats start at this id; lower ones are built in. */
const FIRST_CUSTOM_FORMAT = 164;

// XML 1.0 forbids most control characters, even escaped.
// eslint-disable-next-line no-control-regex
const INVALID_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;

export function escapeXml(text: string): string {
  return text
    .replace(INVALID_XML, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;');
}

/** 0 → "A", 25 → "Z", 26 → "AA". */
export function columnName(index: number): string {
  let n = index + 1;
  let name = '';
  while (n > 0) {
    const r = (n - 1) % 26;
    name = String.fromCharCode(65 + r) + name;
    n = Math.floor((n - 1) / 26);
  }
  return name;
}

/** Epoch ms (a wall-clock reading stored as UTC) as a spreadsheet serial date. */
export function serialDate(ms: number): number {
  return ms / DAY_MS + EPOCH_SERIAL;
}

/** The cell styles: 0 plain, 1 the bold header, then one per number format in use. */
class Styles {
  readonly formats = new Map<string, number>();

  styleOf(format: string | undefined): number {
    if (format === undefined) return 0;
    let index = this.formats.get(format);
    if (index === undefined) this.formats.set(format, (index = 2 + this.formats.size));
    return index;
  }

  xml(): string {
    const formats = [...this.formats.keys()];
    const numFmts = formats
      .map((f, i) => `<numFmt numFmtId="${FIRST_CUSTOM_FORMAT + i}" formatCode="${escapeXml(f)}"/>`)
      .join('');
    const xfs = formats
      .map(
        (_f, i) =>
          `<xf numFmtId="${FIRST_CUSTOM_FORMAT + i}" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>`,
      )
      .join('');
    return (
      `${HEAD}<styleSheet xmlns="${MAIN}">` +
      (formats.length > 0 ? `<numFmts count="${formats.length}">${numFmts}</numFmts>` : '') +
      '<fonts count="2"><font><sz val="11"/><name val="Calibri"/></font>' +
      '<font><b/><sz val="11"/><name val="Calibri"/></font></fonts>' +
      '<fills count="2"><fill><patternFill patternType="none"/></fill>' +
      '<fill><patternFill patternType="gray125"/></fill></fills>' +
      '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>' +
      '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>' +
      `<cellXfs count="${2 + formats.length}">` +
      '<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>' +
      '<xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/>' +
      `${xfs}</cellXfs>` +
      '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>' +
      '</styleSheet>'
    );
  }
}

function cellXml(ref: string, cell: SheetCell | undefined, styles: Styles): string {
  if (cell === null || cell === undefined) return '';
  switch (cell.type) {
    case 'string':
      return `<c r="${ref}" t="inlineStr"><is><t xml:space="preserve">${escapeXml(cell.value)}</t></is></c>`;
    case 'boolean':
      return `<c r="${ref}" t="b"><v>${cell.value ? 1 : 0}</v></c>`;
    case 'number': {
      if (!Number.isFinite(cell.value)) return '';
      const s = styles.styleOf(cell.format);
      return `<c r="${ref}"${s ? ` s="${s}"` : ''}><v>${cell.value}</v></c>`;
    }
    case 'date':
      return `<c r="${ref}" s="${styles.styleOf(cell.format)}"><v>${serialDate(cell.value)}</v></c>`;
  }
}

function sheetXml(sheet: Sheet, styles: Styles): string {
  const columns = sheet.headers.map((_h, i) => columnName(i));
  const parts: string[] = [
    `${HEAD}<worksheet xmlns="${MAIN}" xmlns:r="${REL}">`,
    '<sheetViews><sheetView workbookViewId="0">',
    '<pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/>',
    '</sheetView></sheetViews>',
  ];
  if (sheet.widths.length > 0) {
    parts.push('<cols>');
    sheet.widths.forEach((w, i) =>
      parts.push(`<col min="${i + 1}" max="${i + 1}" width="${w}" customWidth="1"/>`),
    );
    parts.push('</cols>');
  }
  parts.push('<sheetData><row r="1">');
  sheet.headers.forEach((h, i) =>
    parts.push(
      `<c r="${columns[i] ?? columnName(i)}1" t="inlineStr" s="1"><is><t xml:space="preserve">${escapeXml(h)}</t></is></c>`,
    ),
  );
  parts.push('</row>');
  sheet.rows.forEach((row, r) => {
    const n = r + 2;
    parts.push(`<row r="${n}">`);
    row.forEach((cell, i) =>
      parts.push(cellXml(`${columns[i] ?? columnName(i)}${n}`, cell, styles)),
    );
    parts.push('</row>');
  });
  parts.push('</sheetData></worksheet>');
  return parts.join('');
}

/** The .xlsx file's bytes. Sheet names must be valid and unique (sheets.sheetNames). */
export function workbook(sheets: readonly Sheet[]): Uint8Array {
  const styles = new Styles();
  // The styles are known once every sheet is written; the parts are zipped in the usual order.
  const sheetParts = sheets.map((sheet) => strToU8(sheetXml(sheet, styles)));
  const files: Record<string, Uint8Array> = {};
  const n = sheets.length;
  files['xl/styles.xml'] = strToU8(styles.xml());
  files['xl/workbook.xml'] = strToU8(
    `${HEAD}<workbook xmlns="${MAIN}" xmlns:r="${REL}"><sheets>` +
      sheets
        .map((s, i) => `<sheet name="${escapeXml(s.name)}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`)
        .join('') +
      '</sheets></workbook>',
  );
  files['xl/_rels/workbook.xml.rels'] = strToU8(
    `${HEAD}<Relationships xmlns="${PKG_REL}">` +
      sheets
        .map(
          (_s, i) =>
            `<Relationship Id="rId${i + 1}" Type="${REL}/worksheet" Target="worksheets/sheet${i + 1}.xml"/>`,
        )
        .join('') +
      `<Relationship Id="rId${n + 1}" Type="${REL}/styles" Target="styles.xml"/>` +
      '</Relationships>',
  );
  files['_rels/.rels'] = strToU8(
    `${HEAD}<Relationships xmlns="${PKG_REL}">` +
      `<Relationship Id="rId1" Type="${REL}/officeDocument" Target="xl/workbook.xml"/>` +
      '</Relationships>',
  );
  const ct = 'application/vnd.openxmlformats-officedocument.spreadsheetml';
  files['[Content_Types].xml'] = strToU8(
    `${HEAD}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
      '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
      '<Default Extension="xml" ContentType="application/xml"/>' +
      `<Override PartName="/xl/workbook.xml" ContentType="${ct}.sheet.main+xml"/>` +
      `<Override PartName="/xl/styles.xml" ContentType="${ct}.styles+xml"/>` +
      sheets
        .map(
          (_s, i) =>
            `<Override PartName="/xl/worksheets/sheet${i + 1}.xml" ContentType="${ct}.worksheet+xml"/>`,
        )
        .join('') +
      '</Types>',
  );
  const ordered: Record<string, Uint8Array> = {
    '[Content_Types].xml': files['[Content_Types].xml'] ?? new Uint8Array(),
    '_rels/.rels': files['_rels/.rels'] ?? new Uint8Array(),
    'xl/workbook.xml': files['xl/workbook.xml'] ?? new Uint8Array(),
    'xl/_rels/workbook.xml.rels': files['xl/_rels/workbook.xml.rels'] ?? new Uint8Array(),
    'xl/styles.xml': files['xl/styles.xml'] ?? new Uint8Array(),
  };
  sheetParts.forEach((part, i) => (ordered[`xl/worksheets/sheet${i + 1}.xml`] = part));
  // Level 1: several times faster than the default, and XML still shrinks about tenfold.
  return zipSync(ordered, { level: 1 });
}
