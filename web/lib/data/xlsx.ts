// The workbook's MIME type and bytes (the writer is pure: @tally/model/exports/xlsx).
import type { Sheet } from '@tally/model/exports/sheets';
import { workbook } from '@tally/model/exports/xlsx';

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export function workbookBytes(sheets: readonly Sheet[]): Uint8Array {
  return workbook(sheets);
}
