// Schema migrations: numbered SQL files in sync-server/migrations, applied in order at start-up,
// each in its own transaction together with the new `PRAGMA user_version`.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Database } from 'better-sqlite3';
import { err, ok, type Result } from '@tally/model/result';
import { MIGRATIONS_DIR } from '../paths.ts';

export interface Migration {
  readonly version: number;
  readonly name: string;
  readonly sql: string;
}

const FILE_RE = /^(\d{4})-([a-z0-9-]+)\.sql$/;

export function readMigrations(dir: string = MIGRATIONS_DIR): Migration[] {
  const migrations: Migration[] = [];
  for (const file of readdirSync(dir).sort()) {
    const m = FILE_RE.exec(file);
    if (!m) continue;
    migrations.push({
      version: Number(m[1]),
      name: file,
      sql: readFileSync(join(dir, file), 'utf8'),
    });
  }
  migrations.forEach((migration, i) => {
    if (migration.version !== i + 1) {
      throw new Error(
        `${join(dir, migration.name)}: expected migration number ${String(i + 1).padStart(4, '0')}`,
      );
    }
  });
  return migrations;
}

/** Brings the database up to the latest schema; returns the versions it applied. */
export function migrate(
  db: Database,
  migrations: readonly Migration[] = readMigrations(),
): Result<number[], string> {
  const current = db.pragma('user_version', { simple: true }) as number;
  const latest = migrations.length;
  if (current > latest) {
    return err(
      `the database is at schema version ${current}, but this server only knows up to ${latest}: ` +
        'it was written by a newer Tally server',
    );
  }
  const applied: number[] = [];
  for (const migration of migrations.slice(current)) {
    db.transaction(() => {
      db.exec(migration.sql);
      db.pragma(`user_version = ${migration.version}`);
    })();
    applied.push(migration.version);
  }
  return ok(applied);
}
