// The client, project and task forms: what was typed → the record's fields, or a message per
// field. Rates and amounts are decimals in the record's currency (→ minor units); budgets and
// estimates are hours ("40", "12:30", "7.5"). A blank optional field clears it.
import { err, ok, type Result } from '@tally/model';
import { parseAmount, parseDuration } from './parse.ts';

export type FieldErrors = Record<string, string>;

export interface ClientForm {
  name: string;
  contact: string;
  email: string;
  /** Optional: absent in forms that do not ask for it. */
  taxId?: string;
  rate: string;
  currency: string;
  archived: boolean;
}

export interface ClientFields {
  name: string;
  contact: string | undefined;
  email: string | undefined;
  taxId: string | undefined;
  rate: number | undefined;
  currency: string;
  archived: boolean;
}

export function clientFields(form: ClientForm): Result<ClientFields, FieldErrors> {
  const errors: FieldErrors = {};
  const name = form.name.trim();
  if (!name) errors.name = 'Give the client a name.';
  const email = form.email.trim();
  if (email && !/^[^\s@]+@[^\s@]+$/.test(email))
    errors.email = `“${email}” is not an email address.`;
  const taxId = form.taxId?.trim() ?? '';
  if (taxId.length > 100) errors.taxId = 'A tax ID has at most 100 characters.';
  const rate = parseAmount(form.rate, form.currency);
  if (!rate.ok) errors.rate = rate.error;
  if (Object.keys(errors).length > 0 || !rate.ok) return err(errors);
  return ok({
    name,
    contact: form.contact.trim() || undefined,
    email: email || undefined,
    taxId: taxId || undefined,
    rate: rate.value,
    currency: form.currency,
    archived: form.archived,
  });
}

export interface ProjectForm {
  name: string;
  clientId: string;
  color: string;
  code: string;
  billable: boolean;
  rate: string;
  currency: string;
  budgetHours: string;
  budgetAmount: string;
  alertPercent: string;
  archived: boolean;
}

export interface ProjectFields {
  name: string;
  clientId: string | undefined;
  color: string;
  code: string | undefined;
  billable: boolean;
  rate: number | undefined;
  currency: string | undefined;
  budgetSeconds: number | undefined;
  budgetAmount: number | undefined;
  budgetAlertPercent: number;
  status: 'active' | 'archived';
}

/** `currency` is blank to follow the client's (or the user's) currency. */
export function projectFields(
  form: ProjectForm,
  fallbackCurrency: string,
): Result<ProjectFields, FieldErrors> {
  const errors: FieldErrors = {};
  const name = form.name.trim();
  if (!name) errors.name = 'Give the project a name.';
  if (!/^#[0-9a-fA-F]{6}$/.test(form.color)) errors.color = 'Pick a colour.';
  const code = form.code.trim();
  if (code.length > 50) errors.code = 'A project code is at most 50 characters.';
  const currency = form.currency || fallbackCurrency;
  const rate = parseAmount(form.rate, currency);
  if (!rate.ok) errors.rate = rate.error;
  const amount = parseAmount(form.budgetAmount, currency);
  if (!amount.ok) errors.budgetAmount = amount.error;
  let budgetSeconds: number | undefined;
  if (form.budgetHours.trim()) {
    const d = parseDuration(form.budgetHours);
    if (!d.ok) errors.budgetHours = d.error;
    else budgetSeconds = d.value;
  }
  const alert = Number(form.alertPercent.trim() || '80');
  if (!Number.isInteger(alert) || alert < 1 || alert > 1000)
    errors.alertPercent = 'The alert is a whole percentage from 1 to 1000.';
  if (Object.keys(errors).length > 0 || !rate.ok || !amount.ok) return err(errors);
  return ok({
    name,
    clientId: form.clientId || undefined,
    color: form.color.toLowerCase(),
    code: code || undefined,
    billable: form.billable,
    rate: rate.value,
    currency: form.currency || undefined,
    budgetSeconds,
    budgetAmount: amount.value,
    budgetAlertPercent: alert,
    status: form.archived ? 'archived' : 'active',
  });
}

export interface TaskForm {
  name: string;
  projectId: string;
  done: boolean;
  estimate: string;
}

export interface TaskFields {
  name: string;
  projectId: string;
  status: 'open' | 'done';
  estimateSeconds: number | undefined;
}

export function taskFields(form: TaskForm): Result<TaskFields, FieldErrors> {
  const errors: FieldErrors = {};
  const name = form.name.trim();
  if (!name) errors.name = 'Give the task a name.';
  if (!form.projectId) errors.projectId = 'Choose the project the task belongs to.';
  let estimateSeconds: number | undefined;
  if (form.estimate.trim()) {
    const d = parseDuration(form.estimate);
    if (!d.ok) errors.estimate = d.error;
    else estimateSeconds = d.value;
  }
  if (Object.keys(errors).length > 0) return err(errors);
  return ok({
    name,
    projectId: form.projectId,
    status: form.done ? 'done' : 'open',
    estimateSeconds,
  });
}

/** Colours offered to new projects, in turn. */
export const palette = [
  '#1f77b4',
  '#d62728',
  '#2ca02c',
  '#ff7f0e',
  '#9467bd',
  '#8c564b',
  '#e377c2',
  '#17becf',
  '#bcbd22',
  '#7f7f7f',
] as const;

export function nextColor(used: number): string {
  return palette[used % palette.length] ?? '#1f77b4';
}
