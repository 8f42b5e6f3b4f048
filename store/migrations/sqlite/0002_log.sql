-- The public log: records, their Merkle tree hashes, signed checkpoints.

-- One row: the number of records, updated by every append so that appends
-- are serialized (the row lock in PostgreSQL, the single writer in SQLite).
CREATE TABLE log_head (
    id   INTEGER PRIMARY KEY CHECK (id = 1),
    size INTEGER NOT NULL
);
INSERT INTO log_head (id, size) VALUES (1, 0);

-- Records as canonical JSON (see docs/LOG.md); idx counts from 0.
CREATE TABLE log_records (
    idx  INTEGER PRIMARY KEY,
    kind TEXT    NOT NULL,
    data BLOB    NOT NULL
);

-- The tree's stored hashes, at tlog stored-hash indexes.
CREATE TABLE log_hashes (
    idx  INTEGER PRIMARY KEY,
    hash BLOB    NOT NULL
);

-- Signed checkpoints, newest by size.
CREATE TABLE log_checkpoints (
    size       INTEGER PRIMARY KEY,
    note       BLOB    NOT NULL,
    created_at INTEGER NOT NULL
);

-- Server secrets kept with the data, such as the key of account pseudonyms.
CREATE TABLE secrets (
    name  TEXT PRIMARY KEY,
    value BLOB NOT NULL
);

-- The index of the last log record that changed a version (a receipt).
ALTER TABLE versions ADD COLUMN log_index INTEGER NOT NULL DEFAULT -1;
