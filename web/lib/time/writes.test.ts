import { describe, expect, it } from 'vitest';
import type { Write } from '../store/store.ts';
import { entryWrites, inverse } from './writes.ts';
import { withParams } from './url.ts';

describe('entryWrites', () => {
  it('puts creates before updates', () => {
    expect(
      entryWrites({
        creates: [{ id: 'n', input: { start: 1 } }],
        updates: [{ id: 'o', patch: { end: 1 } }],
      }),
    ).toEqual([
      { op: 'create', collection: 'timeEntries', id: 'n', data: { start: 1 } },
      { op: 'update', collection: 'timeEntries', id: 'o', data: { end: 1 } },
    ]);
  });
});

describe('inverse', () => {
  it('undoes creates, removes and updates, last first', () => {
    const writes: Write[] = [
      { op: 'create', collection: 'timeEntries', id: 'new', data: { start: 5 } },
      { op: 'remove', collection: 'timeEntries', id: 'gone' },
      {
        op: 'update',
        collection: 'timeEntries',
        id: 'changed',
        data: { end: 9, source: 'manual' },
      },
    ];
    const before = new Map<string, Record<string, unknown>>([
      ['gone', { id: 'gone', start: 1, end: 2, description: 'x' }],
      ['changed', { id: 'changed', start: 3, end: 12, source: 'timer' }],
    ]);
    expect(inverse(writes, before)).toEqual([
      {
        op: 'update',
        collection: 'timeEntries',
        id: 'changed',
        data: { end: 12, source: 'timer' },
      },
      {
        op: 'create',
        collection: 'timeEntries',
        id: 'gone',
        data: { start: 1, end: 2, description: 'x' },
      },
      { op: 'remove', collection: 'timeEntries', id: 'new' },
    ]);
  });

  it('clears a field the update set that was absent before', () => {
    const writes: Write[] = [
      { op: 'update', collection: 'timeEntries', id: 'a', data: { invoiceId: 'i' } },
    ];
    expect(inverse(writes, new Map([['a', { id: 'a', start: 1 }]]))).toEqual([
      { op: 'update', collection: 'timeEntries', id: 'a', data: { invoiceId: undefined } },
    ]);
  });
});

describe('withParams', () => {
  it('sets, replaces and removes query parameters', () => {
    const current = new URLSearchParams('period=this-week&group=day');
    expect(withParams(current, { group: 'project', tag: 'x y' })).toBe(
      '?period=this-week&group=project&tag=x+y',
    );
    expect(withParams(current, { period: undefined, group: '' })).toBe('');
  });
});
