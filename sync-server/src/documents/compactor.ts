// What the document layer needs to compact: a function from parts to one update. The server
// passes its background worker's (so relaying never waits behind a compaction); tests and the
// CLI may compact inline.
import { err, ok, type Result } from '@tally/model/result';
import { compactParts, type CompactionResult } from './compaction.ts';

export interface Compactor {
  run(parts: Uint8Array[], gc: boolean): Promise<Result<CompactionResult, string>>;
}

export function inlineCompactor(): Compactor {
  return {
    run(parts, gc) {
      try {
        return Promise.resolve(ok(compactParts(parts, gc)));
      } catch (e) {
        return Promise.resolve(err((e as Error).message));
      }
    },
  };
}
