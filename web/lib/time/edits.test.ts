import { describe, expect, it } from 'vitest';
import { time } from '@tally/model';
import * as tt from '@tally/model/time/testing';
import { entryName, fallbackRate, newEntryFields, projectPatch, ratePatch } from './edits.ts';

const acme = tt.client({ rate: 9000, currency: 'EUR' });
const site = tt.project({ clientId: acme.id, rate: 12000, billable: true });
const internal = tt.project({ name: 'Internal', billable: false });
const design = tt.task({ projectId: site.id, name: 'Design' });
const cat = time.catalog.catalog({ clients: [acme], projects: [site, internal], tasks: [design] });
const settings = { currency: 'USD', defaultRate: 5000 };

describe('projectPatch', () => {
  it('takes the new project’s billing and rate, and drops a task of the old project', () => {
    const e = tt.entry({ projectId: site.id, taskId: design.id, rate: 12000, currency: 'EUR' });
    expect(projectPatch(e, internal.id, cat, settings)).toEqual({
      projectId: internal.id,
      taskId: undefined,
      billable: false,
      rate: 5000,
      currency: 'USD',
    });
  });

  it('keeps a task of the same project and the rate of an invoiced entry', () => {
    const e = tt.entry({
      projectId: site.id,
      taskId: design.id,
      rate: 10000,
      currency: 'EUR',
      invoiceId: site.id,
    });
    expect(projectPatch(e, site.id, cat, settings)).toEqual({ projectId: site.id, billable: true });
  });

  it('clears the rate when nothing sets one', () => {
    const e = tt.entry({ projectId: site.id, rate: 12000, currency: 'EUR' });
    expect(projectPatch(e, undefined, cat, { currency: 'USD' })).toEqual({
      projectId: undefined,
      rate: undefined,
      currency: undefined,
    });
  });
});

describe('newEntryFields', () => {
  it('freezes the rate at the time and takes the project’s billing default', () => {
    expect(newEntryFields({ projectId: internal.id }, cat, settings)).toEqual({
      projectId: internal.id,
      billable: false,
      rate: 5000,
      currency: 'USD',
    });
    expect(newEntryFields({ projectId: site.id, taskId: design.id }, cat, settings)).toEqual({
      projectId: site.id,
      taskId: design.id,
      billable: true,
      rate: 12000,
      currency: 'EUR',
    });
  });

  it('keeps what was given and drops a task that is not the project’s', () => {
    expect(
      newEntryFields({ projectId: internal.id, taskId: design.id, billable: true }, cat, settings),
    ).toEqual({ projectId: internal.id, billable: true, rate: 5000, currency: 'USD' });
  });
});

describe('entryName', () => {
  it('names an entry by description, else project', () => {
    expect(entryName(tt.entry({ description: 'Write report' }), cat)).toBe('“Write report”');
    expect(entryName(tt.entry({ description: 'x'.repeat(60) }), cat)).toBe(`“${'x'.repeat(39)}…”`);
    expect(entryName(tt.entry({ projectId: site.id }), cat)).toBe('the Website entry');
    expect(entryName(tt.entry(), cat)).toBe('the untitled entry');
  });
});

describe('ratePatch', () => {
  it.each([
    ['150', { rate: 15000, currency: 'EUR' }],
    ['99.5', { rate: 9950, currency: 'EUR' }],
    ['  ', { rate: undefined, currency: undefined }],
    ['', { rate: undefined, currency: undefined }],
  ])('“%s” on a project entry in euros → %o', (text, patch) => {
    const e = tt.entry({ projectId: site.id, rate: 12000, currency: 'EUR' });
    expect(ratePatch(e, text, cat, settings)).toEqual({ ok: true, value: patch });
  });

  it('an entry without a rate of its own takes the currency of its fallback', () => {
    expect(ratePatch(tt.entry({ projectId: site.id }), '80', cat, settings)).toEqual({
      ok: true,
      value: { rate: 8000, currency: 'EUR' },
    });
    expect(ratePatch(tt.entry(), '80', cat, settings)).toEqual({
      ok: true,
      value: { rate: 8000, currency: 'USD' },
    });
  });

  it('refuses a negative or unreadable rate, and any change on an invoiced entry', () => {
    const e = tt.entry({ projectId: site.id });
    expect(ratePatch(e, '-5', cat, settings).ok).toBe(false);
    expect(ratePatch(e, 'abc', cat, settings).ok).toBe(false);
    const billed = tt.entry({ projectId: site.id, invoiceId: site.id });
    expect(ratePatch(billed, '80', cat, settings)).toEqual({
      ok: false,
      error: 'This entry is on an invoice; cancel the invoice to change its rate.',
    });
  });
});

describe('fallbackRate', () => {
  it('is the project’s, else the client’s, else the user’s default', () => {
    const own = tt.project({ clientId: acme.id });
    const c = time.catalog.catalog({ clients: [acme], projects: [site, own], tasks: [] });
    expect(fallbackRate(tt.entry({ projectId: site.id, rate: 1 }), c, settings)).toEqual({
      rate: 12000,
      currency: 'EUR',
      from: 'project',
    });
    expect(fallbackRate(tt.entry({ projectId: own.id }), c, settings)).toMatchObject({
      rate: 9000,
      from: 'client',
    });
    expect(fallbackRate(tt.entry(), c, settings)).toMatchObject({ rate: 5000, from: 'settings' });
    expect(fallbackRate(tt.entry(), c, { currency: 'USD' })).toBeUndefined();
  });
});
