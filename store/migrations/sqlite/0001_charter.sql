-- Charters, their versions, and the texts of each version per language.
-- Times are Unix microseconds (UTC) in both dialects.
CREATE TABLE charters (
    id         INTEGER PRIMARY KEY,
    slug       TEXT    NOT NULL UNIQUE,
    title      TEXT    NOT NULL,
    created_at INTEGER NOT NULL
);

CREATE TABLE versions (
    id           INTEGER PRIMARY KEY,
    charter_id   INTEGER NOT NULL REFERENCES charters (id),
    label        TEXT    NOT NULL,
    parent_id    INTEGER REFERENCES versions (id),
    status       TEXT    NOT NULL CHECK (status IN ('draft', 'published')),
    lang         TEXT    NOT NULL,
    hash         TEXT    NOT NULL,
    stats        TEXT    NOT NULL,
    created_at   INTEGER NOT NULL,
    published_at INTEGER,
    UNIQUE (charter_id, label)
);

CREATE TABLE texts (
    version_id INTEGER NOT NULL REFERENCES versions (id),
    lang       TEXT    NOT NULL,
    title      TEXT    NOT NULL,
    hash       TEXT    NOT NULL,
    added_at   INTEGER NOT NULL,
    PRIMARY KEY (version_id, lang)
);

-- One row per unit of a text, in document order (seq).
CREATE TABLE units (
    version_id INTEGER NOT NULL REFERENCES versions (id),
    lang       TEXT    NOT NULL,
    seq        INTEGER NOT NULL,
    eid        TEXT    NOT NULL,
    parent_eid TEXT    NOT NULL,
    kind       TEXT    NOT NULL,
    number     TEXT    NOT NULL,
    heading    TEXT    NOT NULL,
    body       TEXT    NOT NULL,
    footnotes  TEXT    NOT NULL, -- JSON array of strings
    PRIMARY KEY (version_id, lang, seq),
    UNIQUE (version_id, lang, eid)
);
