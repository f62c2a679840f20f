-- Kept files (GPX/TCX/FIT bytes a user chose to keep and sync): immutable and addressed by the
-- SHA-256 of their bytes, so a file is stored once per user however often it is uploaded.

CREATE TABLE files (
  user_id INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  -- 64 lowercase hex digits: the SHA-256 of data
  hash TEXT NOT NULL CHECK (length(hash) = 64),
  -- length(data), kept so that listing and the quota never read the bytes
  size INTEGER NOT NULL CHECK (size >= 0),
  data BLOB NOT NULL,
  created_at INTEGER NOT NULL,
  PRIMARY KEY (user_id, hash)
) STRICT, WITHOUT ROWID;
