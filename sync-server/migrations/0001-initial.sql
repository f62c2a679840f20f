-- Accounts, devices, and each user's Yjs documents as a snapshot plus an append-only update log.

CREATE TABLE users (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL UNIQUE,
  password_hash TEXT NOT NULL,
  created_at INTEGER NOT NULL
) STRICT;

-- One row per signed-in device. Only the SHA-256 of its token is kept.
CREATE TABLE devices (
  id INTEGER PRIMARY KEY,
  user_id INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  name TEXT NOT NULL,
  token_hash BLOB NOT NULL UNIQUE,
  created_at INTEGER NOT NULL,
  last_used_at INTEGER NOT NULL
) STRICT;

CREATE INDEX devices_by_user ON devices (user_id);

-- A document is addressed by (user, name); everything else refers to its internal id, so one
-- user's names never reach another's rows.
CREATE TABLE docs (
  id INTEGER PRIMARY KEY,
  user_id INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  name TEXT NOT NULL,
  -- snapshot + log, in bytes: what the size cap and the quota count
  bytes INTEGER NOT NULL DEFAULT 0,
  updated_at INTEGER NOT NULL,
  -- when the snapshot was last rebuilt through a garbage-collecting Y.Doc
  gc_at INTEGER NOT NULL DEFAULT 0,
  UNIQUE (user_id, name)
) STRICT;

-- The merged state of every update up to and including upto_seq.
CREATE TABLE doc_snapshots (
  doc_id INTEGER PRIMARY KEY REFERENCES docs (id) ON DELETE CASCADE,
  upto_seq INTEGER NOT NULL,
  state BLOB NOT NULL
) STRICT;

-- Updates received since the snapshot, in order, committed before they are broadcast. A row holds
-- the updates one commit appended to the document, each prefixed with its length (a varint).
CREATE TABLE doc_updates (
  doc_id INTEGER NOT NULL REFERENCES docs (id) ON DELETE CASCADE,
  seq INTEGER NOT NULL,
  data BLOB NOT NULL,
  received_at INTEGER NOT NULL,
  PRIMARY KEY (doc_id, seq)
) STRICT, WITHOUT ROWID;
