-- The referendum: its territorial structure, precinct protocols (every
-- accepted revision, never overwritten), running totals per area, officers'
-- precincts and the declared result. Precincts, districts and regions are
-- numbered 0, 1, 2, … within their referendum, in the order they were added,
-- as the public log numbers them.

CREATE TABLE referendums (
    id            BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    slug          TEXT    NOT NULL UNIQUE,
    version_id    BIGINT NOT NULL REFERENCES versions (id),
    version_hash  TEXT    NOT NULL,
    question_kk   TEXT    NOT NULL,
    question_ru   TEXT    NOT NULL,
    question_en   TEXT    NOT NULL,
    vote_date     TEXT    NOT NULL,            -- YYYY-MM-DD
    rules         TEXT    NOT NULL,            -- the rule set's canonical spec
    form          TEXT    NOT NULL,            -- field names, comma-separated
    seq           BIGINT NOT NULL DEFAULT 0,  -- changes so far: bulk imports check nothing changed under them
    created_at    BIGINT NOT NULL,
    log_index     BIGINT NOT NULL,
    declared_at   BIGINT,                     -- NULL until the result is declared
    declared_log  BIGINT,
    result        TEXT,                        -- the declared result, JSON
    in_force_from TEXT                         -- YYYY-MM-DD, when the adopted version is in force
);

CREATE TABLE referendum_regions (
    referendum_id BIGINT NOT NULL REFERENCES referendums (id),
    num           BIGINT NOT NULL,
    code          TEXT    NOT NULL,
    abroad        BIGINT NOT NULL,
    PRIMARY KEY (referendum_id, num),
    UNIQUE (referendum_id, code)
);

CREATE TABLE referendum_districts (
    referendum_id BIGINT NOT NULL REFERENCES referendums (id),
    num           BIGINT NOT NULL,
    region_num    BIGINT NOT NULL,
    code          TEXT    NOT NULL,
    PRIMARY KEY (referendum_id, num),
    UNIQUE (referendum_id, region_num, code)
);

CREATE TABLE referendum_precincts (
    referendum_id BIGINT NOT NULL REFERENCES referendums (id),
    num           BIGINT NOT NULL,
    district_num  BIGINT NOT NULL,
    region_num    BIGINT NOT NULL,
    code          TEXT    NOT NULL,
    registered    BIGINT NOT NULL,
    log_index     BIGINT NOT NULL,
    PRIMARY KEY (referendum_id, num),
    UNIQUE (referendum_id, district_num, code)
);

-- Accepted revisions; the latest (highest) revision of a precinct is counted.
-- A field not reported is NULL.
CREATE TABLE referendum_protocols (
    referendum_id BIGINT NOT NULL REFERENCES referendums (id),
    precinct_num  BIGINT NOT NULL,
    revision      BIGINT NOT NULL,
    reason        TEXT    NOT NULL,
    f_registered  BIGINT, f_received BIGINT, f_issued BIGINT, f_cancelled BIGINT, f_in_boxes BIGINT,
    f_invalid     BIGINT, f_yes BIGINT, f_no BIGINT, f_both BIGINT,
    warnings      TEXT    NOT NULL,            -- warning rules, comma-separated
    actor         TEXT    NOT NULL,            -- the officer's pseudonym, or operator
    created_at    BIGINT NOT NULL,
    log_index     BIGINT NOT NULL,
    PRIMARY KEY (referendum_id, precinct_num, revision)
);

-- Running totals: level 'n' (the nation, num 0), 'r' (a region), 'd' (a district).
CREATE TABLE referendum_totals (
    referendum_id BIGINT NOT NULL REFERENCES referendums (id),
    level         TEXT    NOT NULL CHECK (level IN ('n', 'r', 'd')),
    num           BIGINT NOT NULL,
    f_registered  BIGINT NOT NULL DEFAULT 0, f_received BIGINT NOT NULL DEFAULT 0, f_issued BIGINT NOT NULL DEFAULT 0,
    f_cancelled   BIGINT NOT NULL DEFAULT 0, f_in_boxes BIGINT NOT NULL DEFAULT 0, f_invalid BIGINT NOT NULL DEFAULT 0,
    f_yes         BIGINT NOT NULL DEFAULT 0, f_no BIGINT NOT NULL DEFAULT 0, f_both BIGINT NOT NULL DEFAULT 0,
    precincts     BIGINT NOT NULL DEFAULT 0,
    covered       BIGINT NOT NULL DEFAULT 0,
    PRIMARY KEY (referendum_id, level, num)
);

-- Which precinct an officer enters protocols for (one per referendum).
CREATE TABLE referendum_officers (
    referendum_id BIGINT NOT NULL REFERENCES referendums (id),
    account_id    BIGINT NOT NULL REFERENCES accounts (id),
    precinct_num  BIGINT NOT NULL,
    log_index     BIGINT NOT NULL,
    PRIMARY KEY (referendum_id, account_id)
);
