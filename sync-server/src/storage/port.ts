// The storage port: everything the document and account layers need from a database, and
// nothing about how it is kept. The SQLite adapter implements it today; a PostgreSQL adapter
// (same tables) can implement it later without the protocol or document layers changing.
// Methods are async so that such an adapter fits; "resolved" always means "committed".
import type { Result } from '@tally/model/result';

/** One update; updates appended together share a seq (their row's), in order. */
export interface StoredUpdate {
  readonly seq: number;
  readonly data: Uint8Array;
  /** Set when the stored row could not be read back: what is wrong with it. */
  readonly damaged?: string;
}

export interface StoredDoc {
  /** The internal key of (user, name). Created on first load. */
  readonly id: number;
  readonly snapshot: Uint8Array | null;
  /** The last update folded into the snapshot (0 when none). */
  readonly snapshotSeq: number;
  /** Updates after the snapshot, in the order they were appended. */
  readonly updates: readonly StoredUpdate[];
  /** When the snapshot was last rebuilt with garbage collection (epoch ms, 0 = never). */
  readonly gcAt: number;
}

/** Updates of one document committed together, under one seq. */
export interface AppendRow {
  readonly docId: number;
  readonly seq: number;
  readonly updates: readonly Uint8Array[];
  readonly receivedAt: number;
}

export interface Compaction {
  readonly docId: number;
  /** The merged state of the old snapshot and every update up to `uptoSeq`. */
  readonly state: Uint8Array;
  readonly uptoSeq: number;
  readonly at: number;
  /** True when `state` was rebuilt through a garbage-collecting Y.Doc. */
  readonly gc: boolean;
}

export interface DocSummary {
  readonly name: string;
  readonly bytes: number;
  readonly updatedAt: number;
}

export interface DocStore {
  load(userId: number, name: string): Promise<StoredDoc>;
  /** Appends every row in one transaction: all are committed, or none. */
  append(rows: readonly AppendRow[]): Promise<void>;
  /** Replaces the snapshot and deletes the folded updates, in one transaction. */
  compact(compaction: Compaction): Promise<void>;
  /** The user's documents that hold anything. */
  list(userId: number): Promise<DocSummary[]>;
  /** Bytes stored for the user, over all documents and kept files: what the quota counts. */
  usage(userId: number): Promise<number>;
  /** Every stored document of the user, merged state not computed. */
  dump(userId: number): Promise<{ name: string; doc: StoredDoc }[]>;
  /** Deletes all of the user's documents. */
  erase(userId: number): Promise<void>;
}

export interface FileSummary {
  /** The SHA-256 of the bytes, 64 lowercase hex digits. */
  readonly hash: string;
  readonly size: number;
}

/** Kept files: immutable bytes addressed by (user, SHA-256). The caller checks the hash. */
export interface FileStore {
  /** The user's files, by hash. */
  listFiles(userId: number): Promise<FileSummary[]>;
  /** Stores the file unless the user already has it; true when it was stored now. */
  putFile(userId: number, hash: string, data: Uint8Array, at: number): Promise<boolean>;
  hasFile(userId: number, hash: string): Promise<boolean>;
  /** The file's bytes; undefined when the user has no such file. */
  getFile(userId: number, hash: string): Promise<Uint8Array | undefined>;
  /** Deletes one of the user's files; the bytes freed (0 when there was none). */
  deleteFile(userId: number, hash: string): Promise<number>;
  /** Bytes of the user's files. */
  fileBytes(userId: number): Promise<number>;
  /** Deletes all of the user's files. */
  eraseFiles(userId: number): Promise<void>;
}

export interface User {
  readonly id: number;
  readonly name: string;
  readonly passwordHash: string;
  readonly createdAt: number;
}

export interface UserSummary {
  readonly id: number;
  readonly name: string;
  readonly createdAt: number;
  readonly devices: number;
  readonly docs: number;
  readonly bytes: number;
}

export interface Device {
  readonly id: number;
  readonly userId: number;
  readonly name: string;
  readonly createdAt: number;
  readonly lastUsedAt: number;
}

export interface AccountStore {
  createUser(name: string, passwordHash: string, at: number): Promise<Result<User, 'name-taken'>>;
  findUserByName(name: string): Promise<User | undefined>;
  findUser(id: number): Promise<User | undefined>;
  listUsers(): Promise<UserSummary[]>;
  setPasswordHash(userId: number, passwordHash: string): Promise<void>;
  /** Deletes the user with every device, document and file, in one transaction. */
  deleteUser(userId: number): Promise<void>;
  createDevice(userId: number, name: string, tokenHash: Uint8Array, at: number): Promise<Device>;
  findDeviceByTokenHash(tokenHash: Uint8Array): Promise<Device | undefined>;
  listDevices(userId: number): Promise<Device[]>;
  /** Deletes one of the user's devices; false when the user has no such device. */
  deleteDevice(userId: number, deviceId: number): Promise<boolean>;
  deleteDevicesOf(userId: number): Promise<void>;
  touchDevice(deviceId: number, at: number): Promise<void>;
  /** Which of these device ids still exist. */
  existingDevices(ids: readonly number[]): Promise<Set<number>>;
}

export interface Storage extends DocStore, AccountStore, FileStore {
  /** The database's own consistency check; empty when all is well. */
  check(): Promise<string[]>;
  close(): Promise<void>;
}
