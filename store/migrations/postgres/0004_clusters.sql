-- Clusters of proposals: one per idea on a unit, with the secretariat's decision.
CREATE TABLE clusters (
    id              BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    consultation_id BIGINT  NOT NULL REFERENCES consultations (id),
    unit            TEXT    NOT NULL,
    decision        TEXT    NOT NULL DEFAULT '',
    reason          TEXT    NOT NULL DEFAULT '',
    working_group   TEXT    NOT NULL DEFAULT '',
    amendment       TEXT    NOT NULL DEFAULT '',
    merged_into     BIGINT  REFERENCES clusters (id),
    manual          BIGINT  NOT NULL DEFAULT 0, -- formed or changed by the secretariat: a rebuild keeps it
    campaign        BIGINT  NOT NULL DEFAULT 0,
    created_at      BIGINT  NOT NULL,
    last_log_index  BIGINT  NOT NULL DEFAULT -1
);
CREATE INDEX clusters_unit ON clusters (consultation_id, unit);

ALTER TABLE proposals ADD COLUMN cluster_id BIGINT  REFERENCES clusters (id);
ALTER TABLE proposals ADD COLUMN cluster_pinned BIGINT  NOT NULL DEFAULT 0; -- moved or split by the secretariat
CREATE INDEX proposals_cluster ON proposals (cluster_id, created_at);

-- Published consolidated tables: the exact JSON served, whose SHA-256 the log holds.
CREATE TABLE consolidated_tables (
    consultation_id BIGINT  NOT NULL REFERENCES consultations (id),
    number          BIGINT  NOT NULL,
    body            BYTEA   NOT NULL,
    created_at      BIGINT  NOT NULL,
    log_index       BIGINT  NOT NULL,
    PRIMARY KEY (consultation_id, number)
);
