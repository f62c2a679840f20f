import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { SettingsMap } from './settings.ts';

describe('SettingsMap', () => {
  it('reads defaults from an empty document', () => {
    expect(new SettingsMap(new Y.Doc(), null).get()).toMatchObject({
      currency: 'USD',
      theme: 'system',
    });
  });

  it('updates fields, validates, and clears with undefined', () => {
    const s = new SettingsMap(new Y.Doc(), 'local');
    expect(s.update({ currency: 'EUR', timeZone: 'Europe/Paris' }).ok).toBe(true);
    expect(s.get()).toMatchObject({ currency: 'EUR', timeZone: 'Europe/Paris' });
    expect(s.update({ currency: 'euro' })).toMatchObject({ ok: false, error: { kind: 'invalid' } });
    expect(s.get().currency).toBe('EUR');
    s.update({ timeZone: undefined });
    expect(s.get().timeZone).toBeUndefined();
  });

  it('merges two devices field by field, even from two fresh documents', () => {
    const a = new Y.Doc();
    const b = new Y.Doc();
    new SettingsMap(a, 'a').update({ currency: 'GBP' });
    new SettingsMap(b, 'b').update({ weekStart: 0 });
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
    Y.applyUpdate(a, Y.encodeStateAsUpdate(b));
    for (const doc of [a, b])
      expect(new SettingsMap(doc, null).get()).toMatchObject({ currency: 'GBP', weekStart: 0 });
  });

  it('falls back to the default for a bad field and reports it', () => {
    const doc = new Y.Doc();
    doc.getMap('settings').set('weekStart', 'Tuesday');
    doc.getMap('settings').set('currency', 'CHF');
    const { settings, rejects } = new SettingsMap(doc, null).read();
    expect(settings).toMatchObject({ weekStart: 1, currency: 'CHF' });
    expect(rejects).toEqual([expect.objectContaining({ collection: 'settings', id: 'weekStart' })]);
  });
});
