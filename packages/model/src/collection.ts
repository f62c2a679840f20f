// A typed view of one collection inside one Y.Doc. The collection is a top-level Y.Map keyed by
// record id; each record is a nested Y.Map of fields, so two devices that edit different fields
// of one record both keep their edit. Writes validate first and write only the fields that
// change; reads return plain objects, and a record that fails validation is reported, not thrown.
import * as v from 'valibot';
import * as Y from 'yjs';
import {
  collections,
  type CollectionDef,
  type CollectionName,
  type InputOf,
  type RecordOf,
} from './collections.ts';
import { docNameFor, type DocName } from './documents.ts';
import { err, ok, type Result } from './result.ts';

export type WriteError =
  | { kind: 'invalid'; message: string }
  | { kind: 'not-found'; id: string }
  | { kind: 'exists'; id: string };

/** A stored record that this version cannot read, kept aside with the reason. */
export interface Reject {
  collection: string;
  id: string;
  doc: DocName;
  reason: string;
}

export type ReadResult<T> = { ok: true; record: T } | { ok: false; reject: Reject };

export type Patch<N extends CollectionName> = Partial<Omit<InputOf<N>, 'id'>>;
export type NewRecord<N extends CollectionName> = Omit<InputOf<N>, 'id'>;

type RecordMap = Y.Map<unknown>;

export class Collection<N extends CollectionName> {
  readonly doc: Y.Doc;
  readonly docName: DocName;
  readonly name: N;
  /** Tagged on every transaction, so listeners know where a change came from. */
  readonly origin: unknown;
  readonly def: CollectionDef;
  readonly map: Y.Map<RecordMap>;

  constructor(doc: Y.Doc, docName: DocName, name: N, origin: unknown) {
    this.doc = doc;
    this.docName = docName;
    this.name = name;
    this.origin = origin;
    this.def = collections[name];
    this.map = doc.getMap(name);
  }

  create(id: string, input: NewRecord<N>): Result<RecordOf<N>, WriteError> {
    const result = this.createMany([{ id, input }]);
    return result.ok ? ok(result.value[0] as RecordOf<N>) : result;
  }

  /** Validates every record first; writes all of them in one transaction, or none. */
  createMany(
    items: readonly { id: string; input: NewRecord<N> }[],
  ): Result<RecordOf<N>[], WriteError> {
    const parsed: RecordOf<N>[] = [];
    const seen = new Set<string>();
    for (const { id, input } of items) {
      if (seen.has(id)) return err({ kind: 'exists', id });
      seen.add(id);
      const result = this.checkCreate(id, input);
      if (!result.ok) return result;
      parsed.push(result.value);
    }
    this.insert(parsed);
    return ok(parsed);
  }

  /** Validates a new record without writing it. */
  checkCreate(id: string, input: NewRecord<N>): Result<RecordOf<N>, WriteError> {
    this.assertHome(id);
    if (this.map.has(id)) return err({ kind: 'exists', id });
    return this.validate({ ...input, id });
  }

  /** Writes records that `checkCreate` accepted, in one transaction. */
  insert(records: readonly RecordOf<N>[]): void {
    this.doc.transact(() => {
      for (const record of records) {
        const fields = new Y.Map<unknown>();
        this.map.set(record.id, fields);
        for (const [key, value] of Object.entries(record)) {
          if (key !== 'id' && value !== undefined) fields.set(key, value);
        }
      }
    }, this.origin);
  }

  /**
   * Validates a patch without writing it: against the record's current fields, or against `base`
   * when the record is being created in the same batch.
   */
  checkUpdate(
    id: string,
    patch: Patch<N>,
    base?: Record<string, unknown>,
  ): Result<RecordOf<N>, WriteError> {
    const fields = this.map.get(id);
    const current = base ?? (fields instanceof Y.Map ? plain(fields) : undefined);
    if (current === undefined) return err({ kind: 'not-found', id });
    const next: Record<string, unknown> = { ...current, ...patch, id };
    for (const [key, value] of Object.entries(next)) if (value === undefined) delete next[key];
    return this.validate(next);
  }

  /**
   * Changes some fields. A field set to `undefined` is cleared. Fields whose value does not
   * change are not written, so an edit costs only what it changes.
   */
  update(id: string, patch: Patch<N>): Result<RecordOf<N>, WriteError> {
    const result = this.checkUpdate(id, patch);
    if (!result.ok) return result;
    const fields = this.map.get(id) as RecordMap;
    const output = result.value as Record<string, unknown>;
    this.doc.transact(() => {
      for (const key of Object.keys(patch)) {
        if (key === 'id') continue;
        const value = output[key];
        if (value === undefined) {
          if (fields.has(key)) fields.delete(key);
        } else if (!sameValue(fields.get(key), value)) {
          fields.set(key, value);
        }
      }
    }, this.origin);
    return result;
  }

  remove(id: string): Result<void, WriteError> {
    if (!this.map.has(id)) return err({ kind: 'not-found', id });
    this.doc.transact(() => this.map.delete(id), this.origin);
    return ok(undefined);
  }

  has(id: string): boolean {
    return this.map.has(id);
  }

  /** The record, or undefined when it is missing or unreadable. */
  get(id: string): RecordOf<N> | undefined {
    const r = this.read(id);
    return r?.ok ? r.record : undefined;
  }

  read(id: string): ReadResult<RecordOf<N>> | undefined {
    const fields = this.map.get(id);
    if (fields === undefined) return undefined;
    if (!(fields instanceof Y.Map)) return this.reject(id, 'record is not a map of fields');
    const parsed = v.safeParse(this.def.schema, { ...plain(fields), id });
    return parsed.success
      ? { ok: true, record: parsed.output as RecordOf<N> }
      : this.reject(id, describeIssues(parsed.issues));
  }

  all(): RecordOf<N>[] {
    return this.scan().records;
  }

  scan(): { records: RecordOf<N>[]; rejects: Reject[] } {
    const records: RecordOf<N>[] = [];
    const rejects: Reject[] = [];
    for (const id of this.map.keys()) {
      const r = this.read(id);
      if (r?.ok) records.push(r.record);
      else if (r) rejects.push(r.reject);
    }
    return { records, rejects };
  }

  ids(): string[] {
    return [...this.map.keys()];
  }

  private validate(input: unknown): Result<RecordOf<N>, WriteError> {
    const result = v.safeParse(this.def.schema, input);
    if (result.success) return ok(result.output as RecordOf<N>);
    return err({ kind: 'invalid', message: describeIssues(result.issues) });
  }

  private reject(id: string, reason: string): ReadResult<RecordOf<N>> {
    return { ok: false, reject: { collection: this.name, id, doc: this.docName, reason } };
  }

  private assertHome(id: string): void {
    const home = docNameFor(this.def.placement, id);
    if (home !== this.docName) {
      throw new Error(`${this.name} record ${id} belongs in ${home}, not ${this.docName}`);
    }
  }
}

/** A record's fields as a plain object (nested Yjs types, which we never write, as JSON). */
export function plain(fields: Y.Map<unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of fields.entries()) {
    out[key] = value instanceof Y.AbstractType ? (value.toJSON() as unknown) : value;
  }
  return out;
}

export function describeIssues(issues: readonly v.BaseIssue<unknown>[]): string {
  return issues
    .map((issue) => {
      const path = v.getDotPath(issue);
      return path ? `${path}: ${issue.message}` : issue.message;
    })
    .join('; ');
}

function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  return JSON.stringify(a) === JSON.stringify(b);
}
