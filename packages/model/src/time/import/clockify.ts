// Clockify "Detailed report" CSV. Dates follow the workspace's format (US month/day/year by
// default, day/month/year elsewhere; the order is read from the file), times are 12-hour with
// or without seconds ("10:23:52 AM", "10:23 AM") or 24-hour. "Duration (decimal)" can disagree
// with the times (it reads 0.00 in real exports), so the entry is taken from start and end, and
// "Duration (h)" serves only when the end is missing. The billable rate is kept, in the
// currency named in its header.
import { ok } from '../../result.ts';
import type { CsvRow, CsvTable } from './csv.ts';
import * as fields from './fields.ts';
import {
  checkLengths,
  get,
  optionalNames,
  type Format,
  type ReadOptions,
  type RowResult,
} from './format.ts';
import { importKeys } from './key.ts';

const KEY_COLUMNS = [
  'project',
  'client',
  'description',
  'task',
  'user',
  'email',
  'tags',
  'billable',
  'start date',
  'start time',
  'end date',
  'end time',
  'duration (h)',
];

export const clockify: Format = {
  name: 'clockify',
  label: 'Clockify',
  required: ['start date', 'start time'],
  detect: (keys) =>
    keys.has('start date') &&
    keys.has('start time') &&
    (keys.has('duration (h)') || keys.has('duration (decimal)')),
  read(table: CsvTable, options: ReadOptions) {
    const order = fields.detectDateOrder(
      table.rows.flatMap((r) => [get(r, 'start date'), get(r, 'end date')]),
      options.dateOrder ?? 'MDY',
    );
    if (!order.ok) return order;
    const rateHeader = table.headers.find((h) => /^billable rate\b/i.test(h.trim()));
    const rateKey = rateHeader?.trim().replace(/\s+/g, ' ').toLowerCase();
    const currency = (rateHeader && fields.currencyInHeader(rateHeader)) ?? options.currency;
    const separator = fields.detectDecimalSeparator(
      rateKey ? table.rows.map((r) => get(r, rateKey)) : [],
    );
    const keys = importKeys('clockify', table.rows, KEY_COLUMNS);
    return ok(
      table.rows.map((row) =>
        readRow(
          row,
          { order: order.value, options, rateKey, currency, separator },
          keys.get(row.row) ?? '',
        ),
      ),
    );
  },
};

interface FileFacts {
  order: fields.DateOrder;
  options: ReadOptions;
  rateKey: string | undefined;
  currency: string;
  separator: '.' | ',';
}

function readRow(row: CsvRow, file: FileFacts, importKey: string): RowResult {
  const fail = (error: string): RowResult => ({ row: row.row, ok: false, error });
  if (row.problem) return fail(row.problem);
  const { order, options } = file;
  const startDate = fields.parseDate(get(row, 'start date'), order);
  if (!startDate.ok) return fail(`Start Date: ${startDate.error}`);
  const startTime = fields.parseTime(get(row, 'start time'));
  if (!startTime.ok) return fail(`Start Time: ${startTime.error}`);
  const start = fields.localInstant(startDate.value, startTime.value, options.zone);

  let end: number;
  const endTimeText = get(row, 'end time');
  if (endTimeText !== '') {
    const endDateText = get(row, 'end date');
    const endDate = endDateText === '' ? startDate : fields.parseDate(endDateText, order);
    if (!endDate.ok) return fail(`End Date: ${endDate.error}`);
    const endTime = fields.parseTime(endTimeText);
    if (!endTime.ok) return fail(`End Time: ${endTime.error}`);
    end = fields.localInstant(endDate.value, endTime.value, options.zone);
  } else {
    const duration = fields.parseClockDuration(get(row, 'duration (h)'));
    if (!duration.ok) return fail(`it has no End Time, and Duration (h): ${duration.error}`);
    end = start + duration.value * 1000;
  }

  const billable = fields.parseYesNo(get(row, 'billable'));
  if (!billable.ok) return fail(`Billable: ${billable.error}`);
  let rate: number | undefined;
  if (file.rateKey) {
    const parsed = fields.parseAmount(get(row, file.rateKey), file.currency, file.separator);
    if (!parsed.ok) return fail(`Billable Rate: ${parsed.error}`);
    // 0.00 is how Clockify writes "no rate"
    if (parsed.value !== undefined && parsed.value > 0) rate = parsed.value;
  }
  const entry = {
    start,
    end,
    description: get(row, 'description'),
    tags: fields.splitTags(get(row, 'tags')),
    ...optionalNames(row),
    ...(billable.value !== undefined && { billable: billable.value }),
    ...(rate !== undefined && { rate, currency: file.currency }),
  };
  const problem = checkLengths(entry);
  return problem ? fail(problem) : { row: row.row, ok: true, entry: { ...entry, importKey } };
}
