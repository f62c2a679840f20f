// The storage port on SQLite (better-sqlite3, WAL). Statements are named constants, prepared
// once. better-sqlite3 is synchronous, so a returned promise is already settled: a commit has
// happened by the time the caller's continuation runs.
import { closeSync, existsSync, mkdirSync, openSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import type { Statement } from 'better-sqlite3';
import { err, ok, type Result } from '@tally/model/result';
import { decodeBundle, encodeBundle } from './bundle.ts';
import { migrate, readMigrations } from './migrations.ts';
import type {
  AppendRow,
  Compaction,
  Device,
  DocSummary,
  FileSummary,
  Storage,
  StoredDoc,
  StoredUpdate,
  User,
  UserSummary,
} from './port.ts';

export type Synchronous = 'NORMAL' | 'FULL';

export interface SqliteOptions {
  /**
   * NORMAL (default): a commit survives the process being killed, but not the machine losing
   * power — clients still hold those updates and send them again when they reconnect.
   * FULL: every commit also waits for the disk.
   */
  readonly synchronous?: Synchronous;
  readonly readonly?: boolean;
  /**
   * false: never checkpoint the WAL on commit (SQLite's default does, every 1000 pages, on the
   * committing thread — an fsync that stalls the event loop); the caller runs `checkpoint()` or
   * a checkpoint from another connection instead.
   */
  readonly autoCheckpoint?: boolean;
}

const SQL = {
  docByName: 'SELECT id, gc_at AS gcAt FROM docs WHERE user_id = ? AND name = ?',
  insertDoc: 'INSERT INTO docs (user_id, name, updated_at) VALUES (?, ?, ?) RETURNING id',
  snapshotOf: 'SELECT state, upto_seq AS uptoSeq FROM doc_snapshots WHERE doc_id = ?',
  updatesOf: 'SELECT seq, data FROM doc_updates WHERE doc_id = ? ORDER BY seq',
  insertUpdate: 'INSERT INTO doc_updates (doc_id, seq, data, received_at) VALUES (?, ?, ?, ?)',
  growDoc: 'UPDATE docs SET bytes = bytes + ?, updated_at = ? WHERE id = ?',
  upsertSnapshot:
    'INSERT INTO doc_snapshots (doc_id, upto_seq, state) VALUES (?, ?, ?) ' +
    'ON CONFLICT (doc_id) DO UPDATE SET upto_seq = excluded.upto_seq, state = excluded.state',
  deleteFolded: 'DELETE FROM doc_updates WHERE doc_id = ? AND seq <= ?',
  resizeDoc:
    'UPDATE docs SET bytes = @bytes + (SELECT COALESCE(SUM(length(data)), 0) FROM doc_updates ' +
    'WHERE doc_id = @docId), gc_at = CASE WHEN @gc THEN @at ELSE gc_at END WHERE id = @docId',
  listDocs:
    'SELECT name, bytes, updated_at AS updatedAt FROM docs WHERE user_id = ? AND bytes > 0 ' +
    'ORDER BY name',
  usage:
    'SELECT (SELECT COALESCE(SUM(bytes), 0) FROM docs WHERE user_id = @userId) + ' +
    '(SELECT COALESCE(SUM(size), 0) FROM files WHERE user_id = @userId) AS bytes',
  docsOf: 'SELECT id, name, gc_at AS gcAt FROM docs WHERE user_id = ? AND bytes > 0 ORDER BY name',
  eraseDocs: 'DELETE FROM docs WHERE user_id = ?',
  totalBytes: 'SELECT COALESCE(SUM(bytes), 0) AS bytes FROM docs',

  listFiles: 'SELECT hash, size FROM files WHERE user_id = ? ORDER BY hash',
  insertFile:
    'INSERT INTO files (user_id, hash, size, data, created_at) VALUES (?, ?, ?, ?, ?) ' +
    'ON CONFLICT (user_id, hash) DO NOTHING',
  fileData: 'SELECT data FROM files WHERE user_id = ? AND hash = ?',
  fileExists: 'SELECT 1 AS found FROM files WHERE user_id = ? AND hash = ?',
  deleteFile: 'DELETE FROM files WHERE user_id = ? AND hash = ? RETURNING size',
  fileBytes: 'SELECT COALESCE(SUM(size), 0) AS bytes FROM files WHERE user_id = ?',
  eraseFiles: 'DELETE FROM files WHERE user_id = ?',
  totalFileBytes: 'SELECT COALESCE(SUM(size), 0) AS bytes FROM files',

  insertUser: 'INSERT INTO users (name, password_hash, created_at) VALUES (?, ?, ?) RETURNING id',
  userByName:
    'SELECT id, name, password_hash AS passwordHash, created_at AS createdAt FROM users ' +
    'WHERE name = ?',
  userById:
    'SELECT id, name, password_hash AS passwordHash, created_at AS createdAt FROM users ' +
    'WHERE id = ?',
  listUsers:
    'SELECT u.id, u.name, u.created_at AS createdAt, ' +
    '(SELECT count(*) FROM devices d WHERE d.user_id = u.id) AS devices, ' +
    '(SELECT count(*) FROM docs WHERE user_id = u.id AND bytes > 0) AS docs, ' +
    '(SELECT COALESCE(SUM(bytes), 0) FROM docs WHERE user_id = u.id) + ' +
    '(SELECT COALESCE(SUM(size), 0) FROM files WHERE user_id = u.id) AS bytes ' +
    'FROM users u ORDER BY u.name',
  setPasswordHash: 'UPDATE users SET password_hash = ? WHERE id = ?',
  deleteUser: 'DELETE FROM users WHERE id = ?',

  insertDevice:
    'INSERT INTO devices (user_id, name, token_hash, created_at, last_used_at) ' +
    'VALUES (?, ?, ?, ?, ?) RETURNING id',
  deviceByToken:
    'SELECT id, user_id AS userId, name, created_at AS createdAt, last_used_at AS lastUsedAt ' +
    'FROM devices WHERE token_hash = ?',
  devicesOf:
    'SELECT id, user_id AS userId, name, created_at AS createdAt, last_used_at AS lastUsedAt ' +
    'FROM devices WHERE user_id = ? ORDER BY created_at, id',
  deleteDevice: 'DELETE FROM devices WHERE id = ? AND user_id = ?',
  deleteDevicesOf: 'DELETE FROM devices WHERE user_id = ?',
  touchDevice: 'UPDATE devices SET last_used_at = ? WHERE id = ?',
  deviceExists: 'SELECT 1 AS found FROM devices WHERE id = ?',
} as const;

type Statements = { -readonly [K in keyof typeof SQL]: Statement };

/** Runs synchronous database work behind the port's promise API; a throw becomes a rejection. */
function settle<T>(work: () => T): Promise<T> {
  try {
    return Promise.resolve(work());
  } catch (e) {
    return Promise.reject(e instanceof Error ? e : new Error(String(e)));
  }
}

export class SqliteStorage implements Storage {
  readonly db: Database.Database;
  readonly path: string;
  /** Write transactions so far (to know when a checkpoint is due). */
  commits = 0;
  private readonly st: Statements;

  private constructor(db: Database.Database, path: string) {
    this.db = db;
    this.path = path;
    const st: Partial<Statements> = {};
    for (const key of Object.keys(SQL) as (keyof typeof SQL)[]) st[key] = db.prepare(SQL[key]);
    this.st = st as Statements;
  }

  /** Opens (creating if needed) and migrates the database. */
  static open(path: string, options: SqliteOptions = {}): Result<SqliteStorage, string> {
    let db: Database.Database;
    try {
      // The file holds password hashes: readable by its owner only.
      if (path !== ':memory:' && !options.readonly && !existsSync(path)) {
        mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
        closeSync(openSync(path, 'wx', 0o600));
      }
      db = new Database(path, { readonly: options.readonly ?? false, fileMustExist: false });
    } catch (e) {
      return err(`cannot open the database ${path}: ${(e as Error).message}`);
    }
    try {
      if (!options.readonly) {
        const mode = db.pragma('journal_mode = WAL', { simple: true }) as string;
        if (mode !== 'wal' && path !== ':memory:')
          return err(`${path}: could not switch to WAL mode (got ${mode})`);
      }
      db.pragma(`synchronous = ${options.synchronous ?? 'NORMAL'}`);
      if (options.autoCheckpoint === false) db.pragma('wal_autocheckpoint = 0');
      db.pragma('foreign_keys = ON');
      db.pragma('busy_timeout = 5000');
      if (!options.readonly) {
        const migrated = migrate(db, readMigrations());
        if (!migrated.ok) {
          db.close();
          return err(`${path}: ${migrated.error}`);
        }
      }
      return ok(new SqliteStorage(db, path));
    } catch (e) {
      db.close();
      return err(`${path}: ${(e as Error).message}`);
    }
  }

  // ---- documents ----

  load(userId: number, name: string): Promise<StoredDoc> {
    return settle(() => {
      return this.db.transaction((): StoredDoc => {
        let row = this.st.docByName.get(userId, name) as { id: number; gcAt: number } | undefined;
        if (row === undefined) {
          const inserted = this.st.insertDoc.get(userId, name, Date.now()) as { id: number };
          row = { id: inserted.id, gcAt: 0 };
        }
        return this.readDoc(row.id, row.gcAt);
      })();
    });
  }

  private readDoc(id: number, gcAt: number): StoredDoc {
    const snap = this.st.snapshotOf.get(id) as { state: Uint8Array; uptoSeq: number } | undefined;
    const updates: StoredUpdate[] = [];
    for (const row of this.st.updatesOf.all(id) as { seq: number; data: Uint8Array }[]) {
      const bundle = decodeBundle(row.data);
      if (bundle.ok) for (const data of bundle.value) updates.push({ seq: row.seq, data });
      else updates.push({ seq: row.seq, data: row.data, damaged: bundle.error });
    }
    return {
      id,
      snapshot: snap?.state ?? null,
      snapshotSeq: snap?.uptoSeq ?? 0,
      updates,
      gcAt,
    };
  }

  private readonly appendTx = (rows: readonly AppendRow[]): void => {
    this.db.transaction(() => {
      const grown = new Map<number, { bytes: number; at: number }>();
      for (const row of rows) {
        const data = encodeBundle(row.updates);
        this.st.insertUpdate.run(row.docId, row.seq, data, row.receivedAt);
        const g = grown.get(row.docId);
        if (g) {
          g.bytes += data.length;
          g.at = Math.max(g.at, row.receivedAt);
        } else grown.set(row.docId, { bytes: data.length, at: row.receivedAt });
      }
      for (const [docId, g] of grown) this.st.growDoc.run(g.bytes, g.at, docId);
    })();
  };

  append(rows: readonly AppendRow[]): Promise<void> {
    return settle(() => {
      if (rows.length === 0) return;
      this.appendTx(rows);
      this.commits++;
    });
  }

  compact(c: Compaction): Promise<void> {
    return settle(() => {
      this.db.transaction(() => {
        this.st.upsertSnapshot.run(c.docId, c.uptoSeq, c.state);
        this.st.deleteFolded.run(c.docId, c.uptoSeq);
        this.commits++;
        this.st.resizeDoc.run({
          bytes: c.state.length,
          docId: c.docId,
          gc: c.gc ? 1 : 0,
          at: c.at,
        });
      })();
    });
  }

  list(userId: number): Promise<DocSummary[]> {
    return settle(() => {
      return this.st.listDocs.all(userId) as DocSummary[];
    });
  }

  usage(userId: number): Promise<number> {
    return settle(() => {
      return (this.st.usage.get({ userId }) as { bytes: number }).bytes;
    });
  }

  dump(userId: number): Promise<{ name: string; doc: StoredDoc }[]> {
    return settle(() => {
      return this.db.transaction(() => {
        const docs = this.st.docsOf.all(userId) as { id: number; name: string; gcAt: number }[];
        return docs.map((d) => ({ name: d.name, doc: this.readDoc(d.id, d.gcAt) }));
      })();
    });
  }

  erase(userId: number): Promise<void> {
    return settle(() => {
      this.st.eraseDocs.run(userId);
    });
  }

  // ---- kept files ----

  listFiles(userId: number): Promise<FileSummary[]> {
    return settle(() => {
      return this.st.listFiles.all(userId) as FileSummary[];
    });
  }

  putFile(userId: number, hash: string, data: Uint8Array, at: number): Promise<boolean> {
    return settle(() => {
      const stored = this.st.insertFile.run(userId, hash, data.length, data, at).changes > 0;
      if (stored) this.commits++;
      return stored;
    });
  }

  hasFile(userId: number, hash: string): Promise<boolean> {
    return settle(() => {
      return this.st.fileExists.get(userId, hash) !== undefined;
    });
  }

  getFile(userId: number, hash: string): Promise<Uint8Array | undefined> {
    return settle(() => {
      return (this.st.fileData.get(userId, hash) as { data: Uint8Array } | undefined)?.data;
    });
  }

  deleteFile(userId: number, hash: string): Promise<number> {
    return settle(() => {
      const row = this.st.deleteFile.get(userId, hash) as { size: number } | undefined;
      if (row !== undefined) this.commits++;
      return row?.size ?? 0;
    });
  }

  fileBytes(userId: number): Promise<number> {
    return settle(() => {
      return (this.st.fileBytes.get(userId) as { bytes: number }).bytes;
    });
  }

  eraseFiles(userId: number): Promise<void> {
    return settle(() => {
      this.st.eraseFiles.run(userId);
    });
  }

  /** Bytes of kept files over all users (for the metrics). */
  totalFileBytes(): number {
    return (this.st.totalFileBytes.get() as { bytes: number }).bytes;
  }

  /** A PASSIVE WAL checkpoint on this connection. */
  checkpoint(): void {
    this.db.pragma('wal_checkpoint(PASSIVE)');
  }

  /** Bytes stored over all users (for the metrics). */
  totalBytes(): number {
    return (this.st.totalBytes.get() as { bytes: number }).bytes;
  }

  // ---- accounts ----

  createUser(name: string, passwordHash: string, at: number): Promise<Result<User, 'name-taken'>> {
    return settle(() => {
      try {
        const { id } = this.st.insertUser.get(name, passwordHash, at) as { id: number };
        return ok({ id, name, passwordHash, createdAt: at });
      } catch (e) {
        if ((e as { code?: string }).code === 'SQLITE_CONSTRAINT_UNIQUE') return err('name-taken');
        throw e;
      }
    });
  }

  findUserByName(name: string): Promise<User | undefined> {
    return settle(() => {
      return this.st.userByName.get(name) as User | undefined;
    });
  }

  findUser(id: number): Promise<User | undefined> {
    return settle(() => {
      return this.st.userById.get(id) as User | undefined;
    });
  }

  listUsers(): Promise<UserSummary[]> {
    return settle(() => {
      return this.st.listUsers.all() as UserSummary[];
    });
  }

  setPasswordHash(userId: number, passwordHash: string): Promise<void> {
    return settle(() => {
      this.st.setPasswordHash.run(passwordHash, userId);
    });
  }

  deleteUser(userId: number): Promise<void> {
    return settle(() => {
      // Devices, documents, snapshots, updates and files go with it (ON DELETE CASCADE).
      this.st.deleteUser.run(userId);
    });
  }

  createDevice(userId: number, name: string, tokenHash: Uint8Array, at: number): Promise<Device> {
    return settle(() => {
      const { id } = this.st.insertDevice.get(userId, name, tokenHash, at, at) as { id: number };
      return { id, userId, name, createdAt: at, lastUsedAt: at };
    });
  }

  findDeviceByTokenHash(tokenHash: Uint8Array): Promise<Device | undefined> {
    return settle(() => {
      return this.st.deviceByToken.get(tokenHash) as Device | undefined;
    });
  }

  listDevices(userId: number): Promise<Device[]> {
    return settle(() => {
      return this.st.devicesOf.all(userId) as Device[];
    });
  }

  deleteDevice(userId: number, deviceId: number): Promise<boolean> {
    return settle(() => {
      return this.st.deleteDevice.run(deviceId, userId).changes > 0;
    });
  }

  deleteDevicesOf(userId: number): Promise<void> {
    return settle(() => {
      this.st.deleteDevicesOf.run(userId);
    });
  }

  touchDevice(deviceId: number, at: number): Promise<void> {
    return settle(() => {
      this.st.touchDevice.run(at, deviceId);
    });
  }

  existingDevices(ids: readonly number[]): Promise<Set<number>> {
    return settle(() => {
      const found = new Set<number>();
      for (const id of ids) if (this.st.deviceExists.get(id) !== undefined) found.add(id);
      return found;
    });
  }

  // ---- operations ----

  check(): Promise<string[]> {
    return settle(() => {
      const problems: string[] = [];
      const integrity = this.db.pragma('integrity_check') as { integrity_check: string }[];
      for (const row of integrity)
        if (row.integrity_check !== 'ok') problems.push(row.integrity_check);
      const fk = this.db.pragma('foreign_key_check') as { table: string; rowid: number }[];
      for (const row of fk) problems.push(`${row.table} row ${row.rowid} refers to a missing row`);
      return problems;
    });
  }

  close(): Promise<void> {
    return settle(() => {
      if (this.db.open) this.db.close();
    });
  }
}
