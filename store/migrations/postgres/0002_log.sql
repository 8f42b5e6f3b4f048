-- The public log: records, their Merkle tree hashes, signed checkpoints.

-- One row: the number of records, updated by every append so that appends
-- are serialized (the row lock in PostgreSQL, the single writer in SQLite).
CREATE TABLE log_head (
    id   INTEGER PRIMARY KEY CHECK (id = 1),
    size BIGINT NOT NULL
);
INSERT INTO log_head (id, size) VALUES (1, 0);

-- Records as canonical JSON (see docs/LOG.md); idx counts from 0.
CREATE TABLE log_records (
    idx  BIGINT PRIMARY KEY,
    kind TEXT    NOT NULL,
    data BYTEA   NOT NULL
);

-- The tree's stored hashes, at tlog stored-hash indexes.
CREATE TABLE log_hashes (
    idx  BIGINT PRIMARY KEY,
    hash BYTEA   NOT NULL
);

-- Signed checkpoints, newest by size.
CREATE TABLE log_checkpoints (
    size       BIGINT PRIMARY KEY,
    note       BYTEA   NOT NULL,
    created_at BIGINT NOT NULL
);

-- Server secrets kept with the data, such as the key of account pseudonyms.
CREATE TABLE secrets (
    name  TEXT PRIMARY KEY,
    value BYTEA   NOT NULL
);

-- The index of the last log record that changed a version (a receipt).
ALTER TABLE versions ADD COLUMN log_index BIGINT NOT NULL DEFAULT -1;
