// Folding a document's snapshot and log into one update. The usual way merges the encoded
// updates as they are; now and then a document is instead rebuilt through a garbage-collecting
// Y.Doc, which replaces deleted content by small GC markers.
import * as Y from 'yjs';
import { inspectUpdate, type UpdateInfo } from '../protocol/update.ts';

export interface CompactionResult {
  readonly state: Uint8Array;
  readonly info: UpdateInfo;
}

export function compactParts(parts: readonly Uint8Array[], gc: boolean): CompactionResult {
  let state: Uint8Array;
  if (gc) {
    const doc = new Y.Doc({ gc: true });
    Y.transact(doc, () => {
      for (const part of parts) Y.applyUpdate(doc, part);
    });
    state = Y.encodeStateAsUpdate(doc);
    doc.destroy();
  } else {
    state = parts.length === 1 ? (parts[0] as Uint8Array) : Y.mergeUpdates(parts as Uint8Array[]);
  }
  const info = inspectUpdate(state);
  // Yjs wrote this from updates we had validated: failing here is a bug, not bad input.
  if (!info.ok) throw new Error(`compaction produced an invalid update: ${info.error}`);
  return { state, info: info.value };
}
