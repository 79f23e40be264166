-- medfacts warehouse schema. The `facts` view is the contract (../shared/CONTRACT.md):
-- add columns, never rename or remove them.

CREATE TABLE IF NOT EXISTS runs (
    run_id        VARCHAR PRIMARY KEY,
    started_at    TIMESTAMP NOT NULL,
    finished_at   TIMESTAMP,
    version       VARCHAR NOT NULL,     -- medfacts version that wrote the run
    rules_hash    VARCHAR NOT NULL,     -- hash of rules/: same text + same rules = same facts
    n_sources     INTEGER,
    n_ingested    INTEGER,
    n_unchanged   INTEGER,
    n_skipped     INTEGER,
    n_facts       INTEGER
);

-- One row per source (URL or file path as given). Replaced when its content changes.
CREATE TABLE IF NOT EXISTS documents (
    doc_id        VARCHAR PRIMARY KEY,  -- hash of the clean text
    source        VARCHAR NOT NULL UNIQUE,
    url           VARCHAR,
    title         VARCHAR,
    published     DATE,
    sitename      VARCHAR,
    lang          VARCHAR NOT NULL,
    text          VARCHAR NOT NULL,     -- the clean text every offset points into
    content_hash  VARCHAR NOT NULL,
    rules_hash    VARCHAR NOT NULL,
    run_id        VARCHAR NOT NULL,
    ingested_at   TIMESTAMP NOT NULL
);

CREATE TABLE IF NOT EXISTS sentences (
    doc_id        VARCHAR NOT NULL,
    sentence_index INTEGER NOT NULL,
    paragraph     INTEGER NOT NULL,
    start_char    INTEGER NOT NULL,
    end_char      INTEGER NOT NULL,
    text          VARCHAR NOT NULL,
    PRIMARY KEY (doc_id, sentence_index)
);

-- Everything the matchers found, facts or not (regions, items, quantities, dates, officials, status cues).
CREATE TABLE IF NOT EXISTS mentions (
    doc_id        VARCHAR NOT NULL,
    kind          VARCHAR NOT NULL,     -- regions | items | roles | status | date | quantity | official
    label         VARCHAR,              -- region id, item id, status, resolved date, value, name ...
    start_char    INTEGER NOT NULL,
    end_char      INTEGER NOT NULL,
    text          VARCHAR NOT NULL,
    rule          VARCHAR
);

CREATE TABLE IF NOT EXISTS fact_rows (
    fact_id       VARCHAR PRIMARY KEY,
    doc_id        VARCHAR NOT NULL,
    item          VARCHAR NOT NULL,
    category      VARCHAR NOT NULL,
    quantity      DOUBLE NOT NULL,
    quantity_text VARCHAR NOT NULL,
    status        VARCHAR NOT NULL,
    region        VARCHAR,
    official      VARCHAR,
    official_role VARCHAR,
    date          VARCHAR,
    date_text     VARCHAR,
    sentence_index INTEGER NOT NULL,
    start_char    INTEGER NOT NULL,
    end_char      INTEGER NOT NULL,
    rule          VARCHAR NOT NULL,
    status_rule   VARCHAR,
    region_rule   VARCHAR,
    official_rule VARCHAR,
    date_rule     VARCHAR
);

-- What was not ingested, and why (empty, binary, unsupported language, HTTP 404, duplicate, ...).
CREATE TABLE IF NOT EXISTS skipped (
    run_id        VARCHAR NOT NULL,
    source        VARCHAR NOT NULL,
    reason        VARCHAR NOT NULL,     -- short code: empty | binary | encoding | language | fetch | duplicate | too_large | not_found | unsupported_type | error
    detail        VARCHAR,
    skipped_at    TIMESTAMP NOT NULL
);

CREATE OR REPLACE VIEW facts AS
SELECT
    f.fact_id, f.doc_id, d.source, d.lang, f.item, f.category, f.quantity, f.quantity_text,
    f.status, f.region, f.official, f.official_role, f.date, f.date_text, d.published,
    s.text AS sentence, f.start_char, f.end_char, f.rule
FROM fact_rows f
JOIN documents d USING (doc_id)
JOIN sentences s ON s.doc_id = f.doc_id AND s.sentence_index = f.sentence_index;
