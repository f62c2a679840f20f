// The third-party test corpus (real GPX/TCX/FIT files, bank statements, time-tracker exports)
// lives outside the repo; tests find it through TALLY_FIXTURES, which defaults to
// ../shared/fixtures beside the repo. CI always has it. When it is missing, the tests that need
// it say so and do not run; the synthetic cases beside them still do.
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, it } from 'vitest';

const repoRoot = resolve(import.meta.dirname, '..');

export const fixturesDir = resolve(repoRoot, process.env.TALLY_FIXTURES ?? '../shared/fixtures');
export const haveFixtures = existsSync(join(fixturesDir, 'SOURCES.md'));

/** The bytes of a fixture file, by its path under the corpus (e.g. `activities/fit/Activity.fit`). */
export function fixture(path: string): Uint8Array {
  return new Uint8Array(readFileSync(join(fixturesDir, path)));
}

export function fixtureText(path: string): string {
  return readFileSync(join(fixturesDir, path), 'utf8');
}

export function fixtureNames(dir: string): string[] {
  return readdirSync(join(fixturesDir, dir)).sort();
}

/** A describe block that runs only when the corpus is present, and says so when it is not. */
export function describeWithFixtures(name: string, body: () => void): void {
  if (haveFixtures) {
    describe(name, body);
    return;
  }
  console.warn(`SKIPPED "${name}": fixtures not found at ${fixturesDir} (set TALLY_FIXTURES)`);
  // Vitest still runs a skipped block's body to collect it, and the body reads the corpus at
  // collection time: stand in a body that only names what is missing.
  describe.runIf(false)(name, () => {
    it(`needs the fixture corpus at ${fixturesDir}`, () => undefined);
  });
}
