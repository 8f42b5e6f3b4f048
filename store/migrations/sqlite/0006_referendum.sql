-- The referendum: its territorial structure, precinct protocols (every
-- accepted revision, never overwritten), running totals per area, officers'
-- precincts and the declared result. Precincts, districts and regions are
-- numbered 0, 1, 2, … within their referendum, in the order they were added,
-- as the public log numbers them.

CREATE TABLE referendums (
    id            INTEGER PRIMARY KEY,
    slug          TEXT    NOT NULL UNIQUE,
    version_id    INTEGER NOT NULL REFERENCES versions (id),
    version_hash  TEXT    NOT NULL,
    question_kk   TEXT    NOT NULL,
    question_ru   TEXT    NOT NULL,
    question_en   TEXT    NOT NULL,
    vote_date     TEXT    NOT NULL,            -- YYYY-MM-DD
    rules         TEXT    NOT NULL,            -- the rule set's canonical spec
    form          TEXT    NOT NULL,            -- field names, comma-separated
    seq           INTEGER NOT NULL DEFAULT 0,  -- changes so far: bulk imports check nothing changed under them
    created_at    INTEGER NOT NULL,
    log_index     INTEGER NOT NULL,
    declared_at   INTEGER,                     -- NULL until the result is declared
    declared_log  INTEGER,
    result        TEXT,                        -- the declared result, JSON
    in_force_from TEXT                         -- YYYY-MM-DD, when the adopted version is in force
);

CREATE TABLE referendum_regions (
    referendum_id INTEGER NOT NULL REFERENCES referendums (id),
    num           INTEGER NOT NULL,
    code          TEXT    NOT NULL,
    abroad        INTEGER NOT NULL,
    PRIMARY KEY (referendum_id, num),
    UNIQUE (referendum_id, code)
);

CREATE TABLE referendum_districts (
    referendum_id INTEGER NOT NULL REFERENCES referendums (id),
    num           INTEGER NOT NULL,
    region_num    INTEGER NOT NULL,
    code          TEXT    NOT NULL,
    PRIMARY KEY (referendum_id, num),
    UNIQUE (referendum_id, region_num, code)
);

CREATE TABLE referendum_precincts (
    referendum_id INTEGER NOT NULL REFERENCES referendums (id),
    num           INTEGER NOT NULL,
    district_num  INTEGER NOT NULL,
    region_num    INTEGER NOT NULL,
    code          TEXT    NOT NULL,
    registered    INTEGER NOT NULL,
    log_index     INTEGER NOT NULL,
    PRIMARY KEY (referendum_id, num),
    UNIQUE (referendum_id, district_num, code)
);

-- Accepted revisions; the latest (highest) revision of a precinct is counted.
-- A field not reported is NULL.
CREATE TABLE referendum_protocols (
    referendum_id INTEGER NOT NULL REFERENCES referendums (id),
    precinct_num  INTEGER NOT NULL,
    revision      INTEGER NOT NULL,
    reason        TEXT    NOT NULL,
    f_registered  INTEGER, f_received INTEGER, f_issued INTEGER, f_cancelled INTEGER, f_in_boxes INTEGER,
    f_invalid     INTEGER, f_yes INTEGER, f_no INTEGER, f_both INTEGER,
    warnings      TEXT    NOT NULL,            -- warning rules, comma-separated
    actor         TEXT    NOT NULL,            -- the officer's pseudonym, or operator
    created_at    INTEGER NOT NULL,
    log_index     INTEGER NOT NULL,
    PRIMARY KEY (referendum_id, precinct_num, revision)
);

-- Running totals: level 'n' (the nation, num 0), 'r' (a region), 'd' (a district).
CREATE TABLE referendum_totals (
    referendum_id INTEGER NOT NULL REFERENCES referendums (id),
    level         TEXT    NOT NULL CHECK (level IN ('n', 'r', 'd')),
    num           INTEGER NOT NULL,
    f_registered  INTEGER NOT NULL DEFAULT 0, f_received INTEGER NOT NULL DEFAULT 0, f_issued INTEGER NOT NULL DEFAULT 0,
    f_cancelled   INTEGER NOT NULL DEFAULT 0, f_in_boxes INTEGER NOT NULL DEFAULT 0, f_invalid INTEGER NOT NULL DEFAULT 0,
    f_yes         INTEGER NOT NULL DEFAULT 0, f_no INTEGER NOT NULL DEFAULT 0, f_both INTEGER NOT NULL DEFAULT 0,
    precincts     INTEGER NOT NULL DEFAULT 0,
    covered       INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (referendum_id, level, num)
);

-- Which precinct an officer enters protocols for (one per referendum).
CREATE TABLE referendum_officers (
    referendum_id INTEGER NOT NULL REFERENCES referendums (id),
    account_id    INTEGER NOT NULL REFERENCES accounts (id),
    precinct_num  INTEGER NOT NULL,
    log_index     INTEGER NOT NULL,
    PRIMARY KEY (referendum_id, account_id)
);
