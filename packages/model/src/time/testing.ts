// Builders for the time module's tests: whole, validated records with overrides.
import * as v from 'valibot';
import { collections, type InputOf, type RecordOf } from '../collections.ts';
import { testIds } from '../testing.ts';

const ids = testIds(606);

function parse<N extends 'timeEntries' | 'clients' | 'projects' | 'tasks' | 'invoices'>(
  name: N,
  input: Partial<InputOf<N>>,
): RecordOf<N> {
  return v.parse(collections[name].schema, input);
}

/** A time entry; its id carries its start unless one is given. */
export function entry(overrides: Partial<InputOf<'timeEntries'>> = {}): RecordOf<'timeEntries'> {
  const start = overrides.start ?? Date.UTC(2026, 10, 2, 9);
  return parse('timeEntries', {
    start,
    end: start + 3_600_000,
    ...overrides,
    id: overrides.id ?? ids.next(start),
  });
}

export function client(overrides: Partial<InputOf<'clients'>> = {}): RecordOf<'clients'> {
  return parse('clients', { name: 'Acme', ...overrides, id: overrides.id ?? ids.next() });
}

export function project(overrides: Partial<InputOf<'projects'>> = {}): RecordOf<'projects'> {
  return parse('projects', { name: 'Website', ...overrides, id: overrides.id ?? ids.next() });
}

export function task(
  overrides: Partial<InputOf<'tasks'>> & { projectId: string },
): RecordOf<'tasks'> {
  return parse('tasks', { name: 'Design', ...overrides, id: overrides.id ?? ids.next() });
}

export function invoice(
  overrides: Partial<InputOf<'invoices'>> & { clientId: string },
): RecordOf<'invoices'> {
  return parse('invoices', {
    number: '2026-0001',
    periodStart: '2026-10-01',
    periodEnd: '2026-10-31',
    currency: 'EUR',
    ...overrides,
    id: overrides.id ?? ids.next(),
  });
}

export const H = 3_600_000;
export const M = 60_000;
