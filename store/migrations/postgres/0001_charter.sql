-- Charters, their versions, and the texts of each version per language.
-- Times are Unix microseconds (UTC) in both dialects.
CREATE TABLE charters (
    id         BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    slug       TEXT    NOT NULL UNIQUE,
    title      TEXT    NOT NULL,
    created_at BIGINT NOT NULL
);

CREATE TABLE versions (
    id           BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    charter_id   BIGINT NOT NULL REFERENCES charters (id),
    label        TEXT    NOT NULL,
    parent_id    BIGINT REFERENCES versions (id),
    status       TEXT    NOT NULL CHECK (status IN ('draft', 'published')),
    lang         TEXT    NOT NULL,
    hash         TEXT    NOT NULL,
    stats        TEXT    NOT NULL,
    created_at   BIGINT NOT NULL,
    published_at BIGINT,
    UNIQUE (charter_id, label)
);

CREATE TABLE texts (
    version_id BIGINT NOT NULL REFERENCES versions (id),
    lang       TEXT    NOT NULL,
    title      TEXT    NOT NULL,
    hash       TEXT    NOT NULL,
    added_at   BIGINT NOT NULL,
    PRIMARY KEY (version_id, lang)
);

-- One row per unit of a text, in document order (seq).
CREATE TABLE units (
    version_id BIGINT NOT NULL REFERENCES versions (id),
    lang       TEXT    NOT NULL,
    seq        BIGINT NOT NULL,
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
