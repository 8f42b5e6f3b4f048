-- Accounts, sessions, consultations, proposals, supports, comments, moderation.
-- Personal data (name, e-mail) stays in accounts; the national ID number only
-- as a keyed hash, for uniqueness. None of it enters the public log.

CREATE TABLE accounts (
    id            BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name          TEXT    NOT NULL,
    email         TEXT    NOT NULL UNIQUE,
    iin_hash      TEXT    UNIQUE,              -- NULL for staff accounts made without an IIN
    region        TEXT    NOT NULL,
    password_hash TEXT    NOT NULL,
    verification  TEXT    NOT NULL,
    disabled      BIGINT NOT NULL DEFAULT 0,
    created_at    BIGINT NOT NULL,
    log_index     BIGINT NOT NULL DEFAULT -1
);

CREATE TABLE account_roles (
    account_id BIGINT NOT NULL REFERENCES accounts (id),
    role       TEXT    NOT NULL,
    PRIMARY KEY (account_id, role)
);

-- Sessions and API tokens: private, never logged. Only a hash of the token is kept.
CREATE TABLE sessions (
    token_hash TEXT    PRIMARY KEY,
    account_id BIGINT NOT NULL REFERENCES accounts (id),
    kind       TEXT    NOT NULL CHECK (kind IN ('session', 'api')),
    created_at BIGINT NOT NULL,
    expires_at BIGINT NOT NULL
);
CREATE INDEX sessions_account ON sessions (account_id);

CREATE TABLE consultations (
    id          BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    version_id  BIGINT NOT NULL REFERENCES versions (id),
    from_date   TEXT    NOT NULL,
    to_date     TEXT    NOT NULL,
    time_zone   TEXT    NOT NULL,
    created_at  BIGINT NOT NULL,
    log_index   BIGINT NOT NULL
);

CREATE TABLE proposals (
    id              BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    consultation_id BIGINT NOT NULL REFERENCES consultations (id),
    author_id       BIGINT REFERENCES accounts (id), -- NULL for imported proposals
    author_key      TEXT    NOT NULL,                 -- the author's public pseudonym
    unit            TEXT    NOT NULL,
    kind            TEXT    NOT NULL,
    text            TEXT    NOT NULL,
    rationale       TEXT    NOT NULL,
    lang            TEXT    NOT NULL,
    region          TEXT    NOT NULL,
    channel         TEXT    NOT NULL,
    source_ref      TEXT,
    received        TEXT    NOT NULL,                 -- YYYY-MM-DD
    idem_key        TEXT    NOT NULL,
    status          TEXT    NOT NULL,
    hidden_reason   TEXT    NOT NULL DEFAULT '',
    review_requested BIGINT NOT NULL DEFAULT 0,
    supports        BIGINT NOT NULL DEFAULT 0,
    created_at      BIGINT NOT NULL,
    log_index       BIGINT NOT NULL,
    last_log_index  BIGINT NOT NULL DEFAULT -1, -- the last record that changed it
    UNIQUE (consultation_id, idem_key),
    UNIQUE (consultation_id, source_ref)
);
CREATE INDEX proposals_unit ON proposals (consultation_id, unit, created_at);
CREATE INDEX proposals_author ON proposals (author_id, created_at);

CREATE TABLE supports (
    proposal_id BIGINT NOT NULL REFERENCES proposals (id),
    account_id  BIGINT NOT NULL REFERENCES accounts (id),
    created_at  BIGINT NOT NULL,
    PRIMARY KEY (proposal_id, account_id)
);

CREATE TABLE comments (
    id          BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    proposal_id BIGINT NOT NULL REFERENCES proposals (id),
    parent_id   BIGINT REFERENCES comments (id),
    author_id   BIGINT NOT NULL REFERENCES accounts (id),
    author_key  TEXT    NOT NULL,
    stance      TEXT    NOT NULL,
    text        TEXT    NOT NULL,
    status      TEXT    NOT NULL,
    hidden_reason TEXT  NOT NULL DEFAULT '',
    review_requested BIGINT NOT NULL DEFAULT 0,
    created_at  BIGINT NOT NULL,
    log_index   BIGINT NOT NULL,
    last_log_index BIGINT NOT NULL DEFAULT -1
);
CREATE INDEX comments_proposal ON comments (proposal_id, created_at);

-- Reports by readers: input for moderators, not public state.
CREATE TABLE reports (
    id          BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    target      TEXT    NOT NULL CHECK (target IN ('proposal', 'comment')),
    target_id   BIGINT NOT NULL,
    reporter_id BIGINT NOT NULL REFERENCES accounts (id),
    note        TEXT    NOT NULL,
    created_at  BIGINT NOT NULL,
    UNIQUE (target, target_id, reporter_id)
);

-- Moderation decisions, each also a public log record.
CREATE TABLE moderation (
    id           BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    target       TEXT    NOT NULL,
    target_id    BIGINT NOT NULL,
    action       TEXT    NOT NULL,
    reason       TEXT    NOT NULL,
    note         TEXT    NOT NULL,
    moderator_id BIGINT REFERENCES accounts (id),
    created_at   BIGINT NOT NULL,
    log_index    BIGINT NOT NULL
);
CREATE INDEX moderation_target ON moderation (target, target_id);

-- Notifications to authors (e.g. "your proposal was hidden, because …").
CREATE TABLE notices (
    id         BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    account_id BIGINT NOT NULL REFERENCES accounts (id),
    body       TEXT    NOT NULL,
    created_at BIGINT NOT NULL,
    read_at    BIGINT
);
CREATE INDEX notices_account ON notices (account_id, created_at);

-- Full-text search over proposals: the russian configuration (stemming) for
-- Russian, the simple one for Kazakh and English (no stemmer exists for Kazakh).
ALTER TABLE proposals ADD COLUMN search tsvector GENERATED ALWAYS AS (
    to_tsvector(CASE WHEN lang = 'ru' THEN 'russian'::regconfig ELSE 'simple'::regconfig END, text)) STORED;
CREATE INDEX proposals_search ON proposals USING GIN (search);
