// Settings are one flat Y.Map of fields in the `settings` document — not a nested record, since
// two devices creating the same nested map concurrently would lose one device's map whole. Each
// field is read on its own: a bad value falls back to its default and is reported.
import * as v from 'valibot';
import * as Y from 'yjs';
import { SETTINGS_MAP, settingsSchema, type Settings } from './collections.ts';
import { SETTINGS_DOC_NAME } from './documents.ts';
import { describeIssues, type Reject, type WriteError } from './collection.ts';
import { err, ok, type Result } from './result.ts';

export const SETTINGS_ID = 'settings';

export type SettingsPatch = Partial<v.InferInput<typeof settingsSchema>>;

export class SettingsMap {
  readonly doc: Y.Doc;
  readonly origin: unknown;
  readonly map: Y.Map<unknown>;

  constructor(doc: Y.Doc, origin: unknown) {
    this.doc = doc;
    this.origin = origin;
    this.map = doc.getMap(SETTINGS_MAP);
  }

  read(): { settings: Settings; rejects: Reject[] } {
    const raw: Record<string, unknown> = {};
    const rejects: Reject[] = [];
    for (const [key, schema] of Object.entries(settingsSchema.entries)) {
      const value = this.map.get(key);
      const field = v.safeParse(schema, value);
      if (field.success) {
        raw[key] = field.output;
      } else {
        rejects.push({
          collection: SETTINGS_MAP,
          id: key,
          doc: SETTINGS_DOC_NAME,
          reason: describeIssues(field.issues),
        });
      }
    }
    // Every field has a default, so this cannot fail once the bad ones are dropped.
    return { settings: v.parse(settingsSchema, raw), rejects };
  }

  get(): Settings {
    return this.read().settings;
  }

  update(patch: SettingsPatch): Result<Settings, WriteError> {
    const next = { ...this.get(), ...patch };
    const parsed = v.safeParse(settingsSchema, next);
    if (!parsed.success) return err({ kind: 'invalid', message: describeIssues(parsed.issues) });
    const output = parsed.output as Record<string, unknown>;
    this.doc.transact(() => {
      for (const key of Object.keys(patch)) {
        const value = output[key];
        if (value === undefined) this.map.delete(key);
        else if (JSON.stringify(this.map.get(key)) !== JSON.stringify(value))
          this.map.set(key, value);
      }
    }, this.origin);
    return ok(parsed.output);
  }
}
