// Toggl Track "Detailed report" CSV: one row per entry with wall-clock start and end (in the
// exporting user's zone) and a Duration "HH:MM:SS" that Toggl truncates to whole seconds. When
// Duration agrees with end − start to within a second, the entry is start + Duration, so totals
// match Toggl's own reports to the second; otherwise start and end win. Toggl's CSV has an
// amount but no rate, so imported entries carry no rate.
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
  'user',
  'member',
  'email',
  'client',
  'project',
  'task',
  'description',
  'billable',
  'start date',
  'start time',
  'end date',
  'end time',
  'stop date',
  'stop time',
  'duration',
  'tags',
];

export const toggl: Format = {
  name: 'toggl',
  label: 'Toggl Track',
  required: ['start date', 'start time', 'duration'],
  detect: (keys) =>
    keys.has('start date') &&
    keys.has('start time') &&
    keys.has('duration') &&
    (keys.has('end time') || keys.has('stop time')),
  read(table: CsvTable, options: ReadOptions) {
    const order = fields.detectDateOrder(
      table.rows.flatMap((r) => [get(r, 'start date'), get(r, 'end date', 'stop date')]),
      options.dateOrder ?? 'MDY',
    );
    if (!order.ok) return order;
    const keys = importKeys('toggl', table.rows, KEY_COLUMNS);
    return ok(table.rows.map((row) => readRow(row, order.value, options, keys.get(row.row) ?? '')));
  },
};

function readRow(
  row: CsvRow,
  order: fields.DateOrder,
  options: ReadOptions,
  importKey: string,
): RowResult {
  const fail = (error: string): RowResult => ({ row: row.row, ok: false, error });
  if (row.problem) return fail(row.problem);
  const startDate = fields.parseDate(get(row, 'start date'), order);
  if (!startDate.ok) return fail(`Start date: ${startDate.error}`);
  const startTime = fields.parseTime(get(row, 'start time'));
  if (!startTime.ok) return fail(`Start time: ${startTime.error}`);
  const start = fields.localInstant(startDate.value, startTime.value, options.zone);

  let end: number | undefined;
  const endDateText = get(row, 'end date', 'stop date');
  const endTimeText = get(row, 'end time', 'stop time');
  if (endTimeText !== '') {
    const endDate = endDateText === '' ? startDate : fields.parseDate(endDateText, order);
    if (!endDate.ok) return fail(`End date: ${endDate.error}`);
    const endTime = fields.parseTime(endTimeText);
    if (!endTime.ok) return fail(`End time: ${endTime.error}`);
    end = fields.localInstant(endDate.value, endTime.value, options.zone);
  }
  const durationText = get(row, 'duration');
  let duration: number | undefined;
  if (durationText !== '') {
    const parsed = fields.parseClockDuration(durationText);
    if (!parsed.ok) return fail(`Duration: ${parsed.error}`);
    duration = parsed.value * 1000;
  }
  if (duration !== undefined && (end === undefined || Math.abs(end - start - duration) <= 1000))
    end = start + duration;
  if (end === undefined) return fail('it has neither an end time nor a duration');

  const billable = fields.parseYesNo(get(row, 'billable'));
  if (!billable.ok) return fail(`Billable: ${billable.error}`);
  const entry = {
    start,
    end,
    description: get(row, 'description'),
    tags: fields.splitTags(get(row, 'tags')),
    ...optionalNames(row),
    ...(billable.value !== undefined && { billable: billable.value }),
  };
  const problem = checkLengths(entry);
  return problem ? fail(problem) : { row: row.row, ok: true, entry: { ...entry, importKey } };
}
