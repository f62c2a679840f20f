import { describe, expect, it } from 'vitest';
import {
  clientFields,
  nextColor,
  palette,
  projectFields,
  taskFields,
  type ProjectForm,
} from './forms.ts';

describe('clientFields', () => {
  const form = {
    name: ' Acme ',
    contact: '',
    email: '',
    rate: '85.50',
    currency: 'EUR',
    archived: false,
  };

  it('reads a client, blanks cleared', () => {
    expect(clientFields(form)).toEqual({
      ok: true,
      value: {
        name: 'Acme',
        contact: undefined,
        email: undefined,
        taxId: undefined,
        rate: 8550,
        currency: 'EUR',
        archived: false,
      },
    });
  });

  it('names each wrong field', () => {
    const r = clientFields({
      ...form,
      name: ' ',
      email: 'nope',
      rate: '8.555',
      taxId: 'x'.repeat(101),
    });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(Object.keys(r.error).sort()).toEqual(['email', 'name', 'rate', 'taxId']);
  });

  it('keeps a tax ID, trimmed', () => {
    const r = clientFields({ ...form, taxId: ' FR12345678901 ' });
    expect(r.ok && r.value.taxId).toBe('FR12345678901');
  });
});

describe('projectFields', () => {
  const form: ProjectForm = {
    name: 'Website',
    clientId: '',
    color: '#1F77B4',
    code: ' WEB ',
    billable: true,
    rate: '',
    currency: '',
    budgetHours: '40:30',
    budgetAmount: '4000',
    alertPercent: '',
    archived: false,
  };

  it('reads budgets in hours and money, in the fallback currency', () => {
    expect(projectFields(form, 'JPY')).toEqual({
      ok: true,
      value: {
        name: 'Website',
        clientId: undefined,
        color: '#1f77b4',
        code: 'WEB',
        billable: true,
        rate: undefined,
        currency: undefined,
        budgetSeconds: 40.5 * 3600,
        budgetAmount: 4000,
        budgetAlertPercent: 80,
        status: 'active',
      },
    });
  });

  it('uses its own currency for amounts, and archives', () => {
    const r = projectFields({ ...form, currency: 'EUR', rate: '99.99', archived: true }, 'JPY');
    expect(r.ok && [r.value.rate, r.value.budgetAmount, r.value.currency, r.value.status]).toEqual([
      9999,
      400000,
      'EUR',
      'archived',
    ]);
  });

  it.each([
    ['name', { name: '' }],
    ['color', { color: 'blue' }],
    ['budgetHours', { budgetHours: 'lots' }],
    ['budgetAmount', { budgetAmount: '-1' }],
    ['alertPercent', { alertPercent: '0' }],
    ['alertPercent', { alertPercent: '50.5' }],
  ] as const)('flags %s', (field, patch) => {
    const r = projectFields({ ...form, ...patch }, 'EUR');
    expect(r.ok ? [] : Object.keys(r.error)).toEqual([field]);
  });
});

describe('taskFields', () => {
  it('reads a task with its estimate', () => {
    expect(taskFields({ name: 'Design', projectId: 'p', done: true, estimate: '2.5' })).toEqual({
      ok: true,
      value: { name: 'Design', projectId: 'p', status: 'done', estimateSeconds: 9000 },
    });
  });

  it('needs a name and a project', () => {
    const r = taskFields({ name: '', projectId: '', done: false, estimate: '' });
    expect(r.ok ? [] : Object.keys(r.error).sort()).toEqual(['name', 'projectId']);
  });
});

describe('nextColor', () => {
  it('cycles through the palette', () => {
    expect(nextColor(0)).toBe(palette[0]);
    expect(nextColor(palette.length + 1)).toBe(palette[1]);
  });
});
