-- The constitutional commission: members, rules of procedure, amendments,
-- meetings and the course of their votes, and the working draft the adopted
-- amendments make. Everything here is public except the accounts it points to.

CREATE TABLE commissions (
    id          INTEGER PRIMARY KEY,
    slug        TEXT    NOT NULL UNIQUE,
    title       TEXT    NOT NULL,
    charter     TEXT    NOT NULL,              -- the charter's slug
    base        TEXT    NOT NULL,              -- the version the working draft last started from
    lang        TEXT    NOT NULL,
    rules       TEXT    NOT NULL,              -- commission.Rules as JSON
    draft       TEXT    NOT NULL,              -- the working draft, charter.Document as JSON
    draft_hash  TEXT    NOT NULL,
    applied     INTEGER NOT NULL DEFAULT 0,    -- amendments applied to the working draft
    created_at  INTEGER NOT NULL,
    log_index   INTEGER NOT NULL
);

CREATE TABLE commission_members (
    commission_id INTEGER NOT NULL REFERENCES commissions (id),
    account_id    INTEGER NOT NULL REFERENCES accounts (id),
    name          TEXT    NOT NULL,
    position      TEXT    NOT NULL,
    from_day      TEXT    NOT NULL,
    to_day        TEXT    NOT NULL DEFAULT '',
    log_index     INTEGER NOT NULL,
    PRIMARY KEY (commission_id, account_id)
);

CREATE TABLE amendments (
    id            INTEGER PRIMARY KEY,
    commission_id INTEGER NOT NULL REFERENCES commissions (id),
    title         TEXT    NOT NULL,
    submitted     TEXT    NOT NULL,            -- the JSON as submitted (and logged)
    body          TEXT    NOT NULL,            -- the JSON as it now applies, after rebases
    status        TEXT    NOT NULL,            -- submitted, adopted, rejected, redraft
    redraft       TEXT    NOT NULL DEFAULT '[]', -- the ops to redraft, with reasons
    applied_hash  TEXT    NOT NULL DEFAULT '',
    created_at    INTEGER NOT NULL,
    log_index     INTEGER NOT NULL
);
CREATE INDEX amendments_commission ON amendments (commission_id, id);

CREATE TABLE meetings (
    id            INTEGER PRIMARY KEY,
    commission_id INTEGER NOT NULL REFERENCES commissions (id),
    title         TEXT    NOT NULL,
    day           TEXT    NOT NULL,
    starts_at     INTEGER NOT NULL,
    stream_url    TEXT    NOT NULL DEFAULT '',
    documents     TEXT    NOT NULL DEFAULT '[]',
    status        TEXT    NOT NULL,
    events        INTEGER NOT NULL DEFAULT 0,  -- events so far; each change bumps it under the row's lock
    minutes_md    TEXT    NOT NULL DEFAULT '',
    minutes_html  TEXT    NOT NULL DEFAULT '',
    created_at    INTEGER NOT NULL,
    log_index     INTEGER NOT NULL
);
CREATE INDEX meetings_commission ON meetings (commission_id, day);

-- The members of a meeting: those serving on its date when it was scheduled.
CREATE TABLE meeting_members (
    meeting_id INTEGER NOT NULL REFERENCES meetings (id),
    account_id INTEGER NOT NULL REFERENCES accounts (id),
    PRIMARY KEY (meeting_id, account_id)
);

-- Everything that happened in a meeting, in order: the meeting's state is
-- these events replayed through the rules of procedure.
CREATE TABLE meeting_events (
    meeting_id   INTEGER NOT NULL REFERENCES meetings (id),
    seq          INTEGER NOT NULL,
    kind         TEXT    NOT NULL,
    account_id   INTEGER NOT NULL REFERENCES accounts (id),
    item         INTEGER NOT NULL DEFAULT -1,
    choice       TEXT    NOT NULL DEFAULT '',
    text         TEXT    NOT NULL DEFAULT '',
    amendment_id INTEGER,
    at           INTEGER NOT NULL,
    log_index    INTEGER NOT NULL,
    PRIMARY KEY (meeting_id, seq)
);
