-- medfacts warehouse schema: the whole of it, in the order Warehouse() runs it.
-- The `facts` view is the contract (docs/schema.md): add columns, never rename or remove them.
--
-- The file has sections, each opened by a line `-- @<section>`:
--   @tables        every table as it is now (CREATE ... IF NOT EXISTS), run on every write open;
--   @migration N   steps that bring a warehouse written by an older medfacts up to version N;
--   @views         the views, re-created on every write open;
--   @comments      COMMENT ON for every table, view and column (shown by DuckDB's own tools).
-- On opening a warehouse for writing, in ONE transaction: @tables, then each @migration
-- newer than the warehouse's schema_version (in order), then @views and @comments, then the
-- new version is recorded.  A warehouse written before versions existed counts as version 1.
--
-- To add a column to an existing table:
--   1. add it to the CREATE TABLE below (new warehouses get it from there);
--   2. append a step at the end of the migrations:
--        -- @migration <last + 1>: <what and why>
--        ALTER TABLE <table> ADD COLUMN IF NOT EXISTS <column> <TYPE>;
--      (plus an UPDATE to backfill it, if old rows can have a value);
--   3. if the facts view shows it, add it at the END of the view's column list;
--   4. add a COMMENT ON COLUMN below and a line in docs/schema.md (a test checks both).
-- A new table needs only steps 1 and 4: CREATE TABLE IF NOT EXISTS runs on every open.

-- @tables

CREATE TABLE IF NOT EXISTS schema_version (
    version       INTEGER NOT NULL,
    description   VARCHAR NOT NULL,
    applied_at    TIMESTAMP NOT NULL
);

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
    n_facts       INTEGER,
    interrupted   BOOLEAN               -- stopped (Ctrl-C) after writing what it had processed
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
    ingested_at   TIMESTAMP NOT NULL,
    warc_path     VARCHAR,              -- pages read from a web archive: the WARC file,
    warc_offset   BIGINT,               -- the record's byte offset in it,
    warc_date     TIMESTAMP,            -- and the capture date (WARC-Date)
    raw_hash      VARCHAR,              -- SHA-256 of the bytes as fetched: an unchanged file costs a hash
    simhash       VARCHAR,              -- 64-bit Simhash of text (hex), for near-duplicates
    near_duplicate_of VARCHAR,          -- doc_id of the document this one repeats with small changes
    code_hash     VARCHAR               -- fingerprint of the extraction code: new code re-extracts an unchanged page
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
    rule          VARCHAR,
    reason        VARCHAR               -- quantities that are not facts: why (money: тенге, percentage: %, no_item, ...)
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
    date_rule     VARCHAR,
    qualifier     VARCHAR               -- more_than | at_least | about | up_to | less_than; NULL = as stated
);

-- What was not ingested, and why (empty, binary, unsupported language, HTTP 404, duplicate, ...).
CREATE TABLE IF NOT EXISTS skipped (
    run_id        VARCHAR NOT NULL,
    source        VARCHAR NOT NULL,
    reason        VARCHAR NOT NULL,     -- short code: empty | binary | encoding | language | fetch | duplicate | too_large | not_found | unsupported_type | error
    detail        VARCHAR,
    skipped_at    TIMESTAMP NOT NULL
);

-- Lookup tables, written from rules/catalog.json and rules/labels.json at each ingest.
CREATE TABLE IF NOT EXISTS regions (
    region        VARCHAR PRIMARY KEY,
    name_en       VARCHAR,
    name_ru       VARCHAR
);

CREATE TABLE IF NOT EXISTS items (
    item          VARCHAR PRIMARY KEY,
    category      VARCHAR NOT NULL,
    name_en       VARCHAR,
    name_ru       VARCHAR
);

-- The current state of every source ever given, one row per canonical key (replaced each run it is seen).
CREATE TABLE IF NOT EXISTS sources (
    source_key    VARCHAR PRIMARY KEY,  -- resolved absolute path, or URL without fragment/default port/trackers
    source        VARCHAR NOT NULL,     -- as the user first typed it (= documents.source)
    kind          VARCHAR NOT NULL,     -- url | html | text | warc | invalid
    outcome       VARCHAR NOT NULL,     -- ingested | updated | unchanged | skipped
    reason        VARCHAR,
    detail        VARCHAR,
    fetched_url   VARCHAR,
    http_status   INTEGER,
    etag          VARCHAR,
    last_modified VARCHAR,
    raw_hash      VARCHAR,
    first_seen    TIMESTAMP NOT NULL,
    last_seen     TIMESTAMP NOT NULL,
    last_changed  TIMESTAMP,
    run_id        VARCHAR NOT NULL
);

-- Pages as downloaded (gzip), so a re-extraction with new rules needs no download.
CREATE TABLE IF NOT EXISTS raw_pages (
    source_key    VARCHAR PRIMARY KEY,
    url           VARCHAR,
    content_type  VARCHAR,
    etag          VARCHAR,
    last_modified VARCHAR,
    raw_hash      VARCHAR NOT NULL,
    fetched_at    TIMESTAMP NOT NULL,
    body_gzip     BLOB NOT NULL
);

-- @migration 2: fact_rows.qualifier ("more than", "about", "up to"); regions and items lookup tables
ALTER TABLE fact_rows ADD COLUMN IF NOT EXISTS qualifier VARCHAR;

-- @migration 3: documents.warc_path, warc_offset, warc_date (provenance of pages read from WARC files)
ALTER TABLE documents ADD COLUMN IF NOT EXISTS warc_path VARCHAR;
ALTER TABLE documents ADD COLUMN IF NOT EXISTS warc_offset BIGINT;
ALTER TABLE documents ADD COLUMN IF NOT EXISTS warc_date TIMESTAMP;

-- @migration 4: mentions.reason (why a number did not become a fact, shown by the report)
ALTER TABLE mentions ADD COLUMN IF NOT EXISTS reason VARCHAR;

-- @migration 5: documents.raw_hash (re-ingest decides "unchanged" from the bytes) and runs.interrupted
ALTER TABLE documents ADD COLUMN IF NOT EXISTS raw_hash VARCHAR;
ALTER TABLE runs ADD COLUMN IF NOT EXISTS interrupted BOOLEAN;

-- @migration 6: documents.simhash and near_duplicate_of (republished stories are kept, not counted twice)
ALTER TABLE documents ADD COLUMN IF NOT EXISTS simhash VARCHAR;
ALTER TABLE documents ADD COLUMN IF NOT EXISTS near_duplicate_of VARCHAR;

-- @migration 7: documents.code_hash (a page is unchanged only for the same rules and the same extraction code)
ALTER TABLE documents ADD COLUMN IF NOT EXISTS code_hash VARCHAR;

-- @views

CREATE OR REPLACE VIEW facts AS
SELECT
    f.fact_id, f.doc_id, d.source, d.lang, f.item, f.category, f.quantity, f.quantity_text,
    f.status, f.region, f.official, f.official_role, f.date, f.date_text, d.published,
    s.text AS sentence, f.start_char, f.end_char, f.rule,
    coalesce(TRY_CAST(left(f.date, 4) AS INTEGER), year(d.published)) AS year,
    f.qualifier
FROM fact_rows f
JOIN documents d USING (doc_id)
JOIN sentences s ON s.doc_id = f.doc_id AND s.sentence_index = f.sentence_index;

-- @comments

COMMENT ON TABLE schema_version IS 'One row per schema version applied to this warehouse; the current version is max(version).';
COMMENT ON COLUMN schema_version.version IS 'Schema version number (see the @migration steps in warehouse/schema.sql).';
COMMENT ON COLUMN schema_version.description IS 'What that version added.';
COMMENT ON COLUMN schema_version.applied_at IS 'When this warehouse was brought to that version.';

COMMENT ON TABLE runs IS 'One row per `medfacts ingest` run, with its counts.';
COMMENT ON COLUMN runs.run_id IS 'Random id of the run.';
COMMENT ON COLUMN runs.started_at IS 'When the run started (local time).';
COMMENT ON COLUMN runs.finished_at IS 'When the run finished or was stopped (see interrupted); NULL if it crashed.';
COMMENT ON COLUMN runs.version IS 'medfacts version that wrote the run.';
COMMENT ON COLUMN runs.rules_hash IS 'Hash of the rule files used: the same text and the same rules give the same facts and ids.';
COMMENT ON COLUMN runs.n_sources IS 'Sources the run was given (after expanding folders and URL lists).';
COMMENT ON COLUMN runs.n_ingested IS 'Documents written (new or updated).';
COMMENT ON COLUMN runs.n_unchanged IS 'Documents already stored with the same text and rules.';
COMMENT ON COLUMN runs.n_skipped IS 'Sources skipped, each with a row in skipped.';
COMMENT ON COLUMN runs.n_facts IS 'Facts written by the run.';
COMMENT ON COLUMN runs.interrupted IS 'True if the run was stopped (Ctrl-C) after writing the documents it had processed; rerun to complete it.';

COMMENT ON TABLE documents IS 'One row per source (URL or file path as given to ingest), with the clean text every offset points into.';
COMMENT ON COLUMN documents.doc_id IS 'Hash of the clean text (16 hex digits).';
COMMENT ON COLUMN documents.source IS 'The URL or file path exactly as the user gave it to ingest.';
COMMENT ON COLUMN documents.url IS 'Canonical URL from the page metadata, if any.';
COMMENT ON COLUMN documents.title IS 'Title from the page metadata (not part of text).';
COMMENT ON COLUMN documents.published IS 'Publication date from the page metadata, if known.';
COMMENT ON COLUMN documents.sitename IS 'Site name from the page metadata.';
COMMENT ON COLUMN documents.lang IS 'Language: en or ru.';
COMMENT ON COLUMN documents.text IS 'The clean main text; start_char/end_char everywhere index into it.';
COMMENT ON COLUMN documents.content_hash IS 'SHA-256 of text: an unchanged text is not re-extracted.';
COMMENT ON COLUMN documents.rules_hash IS 'Hash of the rules the facts were extracted with.';
COMMENT ON COLUMN documents.code_hash IS 'Fingerprint of the extraction code and its libraries (extract/*.py, spaCy, pymorphy3 versions) the facts were extracted with; a re-ingest after an upgrade extracts again. NULL for documents written before it was kept.';
COMMENT ON COLUMN documents.run_id IS 'The run that wrote this document (runs.run_id).';
COMMENT ON COLUMN documents.ingested_at IS 'When the document was written.';
COMMENT ON COLUMN documents.simhash IS '64-bit Simhash of text (hex; trafilatura.deduplication), to find near-duplicates.';
COMMENT ON COLUMN documents.near_duplicate_of IS 'doc_id of an earlier document this one repeats with small changes (a republished story); its facts are kept but not counted twice by summary.';
COMMENT ON TABLE sources IS 'The current state of every source ever given to ingest, one row per canonical key: last outcome, when and why (medfacts sources).';
COMMENT ON COLUMN sources.source_key IS 'Canonical key: resolved absolute path, or URL without fragment, default port and tracking parameters.';
COMMENT ON COLUMN sources.source IS 'The URL or path as the user first typed it (the same as documents.source).';
COMMENT ON COLUMN sources.kind IS 'url | html | text | warc | invalid.';
COMMENT ON COLUMN sources.outcome IS 'Last outcome: ingested | updated | unchanged | skipped.';
COMMENT ON COLUMN sources.reason IS 'Skip reason code when skipped (as in skipped.reason).';
COMMENT ON COLUMN sources.detail IS 'What happened, readably (e.g. HTTP 500 Internal Server Error, timed out after 20 s).';
COMMENT ON COLUMN sources.fetched_url IS 'For URLs: where the bytes came from, after redirects.';
COMMENT ON COLUMN sources.http_status IS 'For URLs: 200, or 304 when the server said the stored copy is current.';
COMMENT ON COLUMN sources.etag IS 'ETag of the last download, sent as If-None-Match next time.';
COMMENT ON COLUMN sources.last_modified IS 'Last-Modified of the last download, sent as If-Modified-Since next time.';
COMMENT ON COLUMN sources.raw_hash IS 'SHA-256 of the bytes last fetched.';
COMMENT ON COLUMN sources.first_seen IS 'When the source was first given.';
COMMENT ON COLUMN sources.last_seen IS 'When the source was last given (its last run).';
COMMENT ON COLUMN sources.last_changed IS 'When its document was last written (ingested or updated).';
COMMENT ON COLUMN sources.run_id IS 'The last run that saw it (runs.run_id).';
COMMENT ON TABLE raw_pages IS 'Downloaded pages as fetched (gzip-compressed), with their HTTP validators: re-extraction needs no download.';
COMMENT ON COLUMN raw_pages.source_key IS 'The source (sources.source_key).';
COMMENT ON COLUMN raw_pages.url IS 'Where the bytes came from, after redirects.';
COMMENT ON COLUMN raw_pages.content_type IS 'Content-Type of the response.';
COMMENT ON COLUMN raw_pages.etag IS 'ETag of the response.';
COMMENT ON COLUMN raw_pages.last_modified IS 'Last-Modified of the response.';
COMMENT ON COLUMN raw_pages.raw_hash IS 'SHA-256 of the uncompressed bytes.';
COMMENT ON COLUMN raw_pages.fetched_at IS 'When it was downloaded.';
COMMENT ON COLUMN raw_pages.body_gzip IS 'The response body, gzip-compressed.';
COMMENT ON COLUMN documents.warc_path IS 'For a page read from a web archive: the WARC file (path or URL); NULL otherwise.';
COMMENT ON COLUMN documents.warc_offset IS 'Byte offset of the page''s response record in warc_path.';
COMMENT ON COLUMN documents.warc_date IS 'When the archive captured the page (WARC-Date, UTC).';
COMMENT ON COLUMN documents.raw_hash IS 'SHA-256 of the bytes as fetched: re-ingesting the same bytes with the same rules is unchanged without extraction. NULL for documents written before it was kept.';

COMMENT ON TABLE sentences IS 'Sentences of each document, with their offsets in documents.text.';
COMMENT ON COLUMN sentences.doc_id IS 'The document (documents.doc_id).';
COMMENT ON COLUMN sentences.sentence_index IS 'Position of the sentence in the document, from 0.';
COMMENT ON COLUMN sentences.paragraph IS 'Position of the paragraph the sentence is in, from 0.';
COMMENT ON COLUMN sentences.start_char IS 'Offset of the first character in documents.text.';
COMMENT ON COLUMN sentences.end_char IS 'Offset after the last character in documents.text.';
COMMENT ON COLUMN sentences.text IS 'The sentence, exactly as in documents.text.';

COMMENT ON TABLE mentions IS 'Everything the matchers found, facts or not: regions, items, roles, status cues, dates, quantities, officials.';
COMMENT ON COLUMN mentions.doc_id IS 'The document (documents.doc_id).';
COMMENT ON COLUMN mentions.kind IS 'regions | items | roles | status | date | quantity | official.';
COMMENT ON COLUMN mentions.label IS 'What it resolved to: region id, item id, status, ISO date, numeric value, name.';
COMMENT ON COLUMN mentions.start_char IS 'Offset of the first character in documents.text.';
COMMENT ON COLUMN mentions.end_char IS 'Offset after the last character in documents.text.';
COMMENT ON COLUMN mentions.text IS 'The mention as written.';
COMMENT ON COLUMN mentions.rule IS 'Id of the rule (line in rules/) that found it.';
COMMENT ON COLUMN mentions.reason IS 'For a quantity that is not a fact, why: money | percentage | time | measure | not_resource | number_sign | rate | zero | no_item, then the deciding word after a colon ("money: тенге"); NULL for facts and other kinds.';

COMMENT ON TABLE fact_rows IS 'Facts as stored, with the rule behind each attribute; read them through the facts view.';
COMMENT ON COLUMN fact_rows.fact_id IS 'Stable id: the same document text and rules give the same id.';
COMMENT ON COLUMN fact_rows.doc_id IS 'The document (documents.doc_id).';
COMMENT ON COLUMN fact_rows.item IS 'Item id (items.item), e.g. ventilator, hospital_bed, doctor.';
COMMENT ON COLUMN fact_rows.category IS 'The item''s category: equipment, vehicle, bed, facility, staff, supply.';
COMMENT ON COLUMN fact_rows.quantity IS 'The number, normalised ("1,500", "ten", "4 тысячи" → 1500, 10, 4000).';
COMMENT ON COLUMN fact_rows.quantity_text IS 'The number exactly as written; text[start_char:end_char].';
COMMENT ON COLUMN fact_rows.status IS 'available | needed | planned | acquired | other.';
COMMENT ON COLUMN fact_rows.region IS 'Region id (regions.region), kz for the whole country, NULL if unknown.';
COMMENT ON COLUMN fact_rows.official IS 'Who stated or is responsible for the figure, "First Last" in the nominative; NULL if none.';
COMMENT ON COLUMN fact_rows.official_role IS 'The official''s role as written.';
COMMENT ON COLUMN fact_rows.date IS 'When the figure applies: YYYY, YYYY-MM or YYYY-MM-DD; NULL if the text gives no time.';
COMMENT ON COLUMN fact_rows.date_text IS 'The time phrase as written.';
COMMENT ON COLUMN fact_rows.sentence_index IS 'The sentence the fact is in (sentences.sentence_index).';
COMMENT ON COLUMN fact_rows.start_char IS 'Offset of the quantity in documents.text.';
COMMENT ON COLUMN fact_rows.end_char IS 'Offset after the quantity in documents.text.';
COMMENT ON COLUMN fact_rows.rule IS 'Id of the rule that found the item.';
COMMENT ON COLUMN fact_rows.status_rule IS 'Id of the rule that set the status.';
COMMENT ON COLUMN fact_rows.region_rule IS 'Id of the rule that set the region.';
COMMENT ON COLUMN fact_rows.official_rule IS 'Id of the rule that set the official.';
COMMENT ON COLUMN fact_rows.date_rule IS 'Id of the rule that set the date.';
COMMENT ON COLUMN fact_rows.qualifier IS 'more_than | at_least | about | up_to | less_than when the text hedges the number ("more than 100", "около 50"); NULL when stated as is.';

COMMENT ON TABLE skipped IS 'Sources that were not ingested, and why.';
COMMENT ON COLUMN skipped.run_id IS 'The run (runs.run_id).';
COMMENT ON COLUMN skipped.source IS 'The URL or file path as given.';
COMMENT ON COLUMN skipped.reason IS 'Short code: empty | binary | encoding | language | fetch | duplicate | too_large | not_found | unsupported_type | error.';
COMMENT ON COLUMN skipped.detail IS 'A readable message.';
COMMENT ON COLUMN skipped.skipped_at IS 'When it was skipped.';

COMMENT ON TABLE regions IS 'Region ids with English and Russian names; kz is the whole country.';
COMMENT ON COLUMN regions.region IS 'Region id, as in facts.region.';
COMMENT ON COLUMN regions.name_en IS 'English name.';
COMMENT ON COLUMN regions.name_ru IS 'Russian name.';

COMMENT ON TABLE items IS 'Item ids with their category and English and Russian names.';
COMMENT ON COLUMN items.item IS 'Item id, as in facts.item.';
COMMENT ON COLUMN items.category IS 'equipment | vehicle | bed | facility | staff | supply.';
COMMENT ON COLUMN items.name_en IS 'English name.';
COMMENT ON COLUMN items.name_ru IS 'Russian name.';

COMMENT ON VIEW facts IS 'One row per fact: a quantity of a healthcare resource in one sentence, with its context. The contract; columns are only ever added.';
COMMENT ON COLUMN facts.fact_id IS 'Stable id: the same document text and rules give the same id.';
COMMENT ON COLUMN facts.doc_id IS 'The document (documents.doc_id).';
COMMENT ON COLUMN facts.source IS 'The URL or file path exactly as given to ingest.';
COMMENT ON COLUMN facts.lang IS 'en or ru.';
COMMENT ON COLUMN facts.item IS 'Item id (items.item).';
COMMENT ON COLUMN facts.category IS 'equipment | vehicle | bed | facility | staff | supply.';
COMMENT ON COLUMN facts.quantity IS 'The number, normalised.';
COMMENT ON COLUMN facts.quantity_text IS 'The number exactly as written.';
COMMENT ON COLUMN facts.status IS 'available | needed | planned | acquired | other.';
COMMENT ON COLUMN facts.region IS 'Region id (regions.region), kz for the whole country, NULL if unknown.';
COMMENT ON COLUMN facts.official IS 'Who stated or is responsible for the figure; NULL if none.';
COMMENT ON COLUMN facts.official_role IS 'Their role as written.';
COMMENT ON COLUMN facts.date IS 'When the figure applies: YYYY, YYYY-MM or YYYY-MM-DD; NULL if the text gives no time.';
COMMENT ON COLUMN facts.date_text IS 'The time phrase as written.';
COMMENT ON COLUMN facts.published IS 'Publication date of the document, if known.';
COMMENT ON COLUMN facts.sentence IS 'The source sentence, exactly as in documents.text.';
COMMENT ON COLUMN facts.start_char IS 'Offset of the quantity in documents.text.';
COMMENT ON COLUMN facts.end_char IS 'Offset after the quantity; text[start_char:end_char] = quantity_text.';
COMMENT ON COLUMN facts.rule IS 'Id of the rule that produced the fact.';
COMMENT ON COLUMN facts.year IS 'Year the figure applies to: from date, else the publication year; NULL if neither is known.';
COMMENT ON COLUMN facts.qualifier IS 'more_than | at_least | about | up_to | less_than when the number is hedged; NULL when stated as is.';
