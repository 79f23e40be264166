-- The same figure across sources: views over the `facts` view (schema.sql), re-created
-- after the schema on every write open (warehouse/views.py).
--
-- A fact's period is its `date` ("2020" covers the year, "2020-05" the month), else
-- the day its document was published.  Two periods are "the same" when they lie
-- within the window of each other, in days: 30 unless the session says otherwise
--     SET VARIABLE medfacts_window_days = 90;
-- or asks the table macro directly:  SELECT * FROM fact_pairs(90).
-- Facts with no region, or with neither a date nor a publication date, are never
-- paired: nothing says they are about the same thing.

CREATE OR REPLACE VIEW fact_periods AS
WITH parsed AS (
    SELECT fact_id, date, published,
           try_cast(CASE length(date) WHEN 4 THEN date || '-01-01' WHEN 7 THEN date || '-01' ELSE date END AS DATE) AS date_start
    FROM facts
)
SELECT
    fact_id,
    CASE WHEN date_start IS NOT NULL THEN 'date' WHEN published IS NOT NULL THEN 'published' END AS period_from,
    coalesce(date_start, published) AS period_start,
    CASE
        WHEN date_start IS NULL THEN published
        WHEN length(date) = 4 THEN make_date(year(date_start), 12, 31)
        WHEN length(date) = 7 THEN last_day(date_start)
        ELSE date_start
    END AS period_end
FROM parsed;

-- Pairs of facts from different documents about the same item, region and status whose
-- periods lie within window_days of each other; each pair once (fact_id < other_fact_id).
CREATE OR REPLACE MACRO fact_pairs(window_days) AS TABLE
WITH dated AS (
    SELECT f.fact_id, f.doc_id, f.source, f.item, f.region, f.status, f.quantity, f.quantity_text,
           p.period_start, p.period_end
    FROM facts f JOIN fact_periods p USING (fact_id)
    WHERE p.period_start IS NOT NULL AND f.region IS NOT NULL
)
SELECT
    a.fact_id, b.fact_id AS other_fact_id, a.item, a.region, a.status,
    a.quantity, b.quantity AS other_quantity, a.quantity_text, b.quantity_text AS other_quantity_text,
    a.source, b.source AS other_source,
    greatest(0, greatest(a.period_start, b.period_start) - least(a.period_end, b.period_end)) AS days_apart
FROM dated a
JOIN dated b
  ON a.item = b.item AND a.region = b.region AND a.status = b.status
 AND a.doc_id <> b.doc_id AND a.fact_id < b.fact_id
WHERE greatest(a.period_start, b.period_start) - least(a.period_end, b.period_end) <= window_days;

CREATE OR REPLACE VIEW corroborations AS
SELECT fact_id, other_fact_id, item, region, status, quantity, quantity_text, other_quantity_text,
       source, other_source, days_apart
FROM fact_pairs(coalesce(try_cast(getvariable('medfacts_window_days') AS INTEGER), 30))
WHERE quantity = other_quantity;

CREATE OR REPLACE VIEW conflicts AS
SELECT fact_id, other_fact_id, item, region, status, quantity, other_quantity,
       other_quantity - quantity AS difference, quantity_text, other_quantity_text,
       source, other_source, days_apart
FROM fact_pairs(coalesce(try_cast(getvariable('medfacts_window_days') AS INTEGER), 30))
WHERE quantity <> other_quantity;

-- Facts joined by corroborations, transitively, are one figure.
CREATE OR REPLACE VIEW figures AS
WITH RECURSIVE edges AS (
    SELECT fact_id AS a, other_fact_id AS b FROM corroborations
    UNION ALL
    SELECT other_fact_id, fact_id FROM corroborations
), reach(fact_id, member) AS (
    SELECT fact_id, fact_id FROM facts
    UNION
    SELECT reach.fact_id, edges.b FROM reach JOIN edges ON edges.a = reach.member
), grouped AS (
    SELECT fact_id, min(member) AS figure_id FROM reach GROUP BY fact_id
)
SELECT g.fact_id, g.figure_id, count(DISTINCT f.doc_id) OVER (PARTITION BY g.figure_id) AS sources
FROM grouped g JOIN facts f USING (fact_id);

COMMENT ON VIEW fact_periods IS 'The period each fact speaks of: its date (a year or month covers all its days), else its publication day.';
COMMENT ON COLUMN fact_periods.fact_id IS 'The fact (facts.fact_id).';
COMMENT ON COLUMN fact_periods.period_from IS 'date | published: where the period comes from; NULL if neither is known.';
COMMENT ON COLUMN fact_periods.period_start IS 'First day of the period.';
COMMENT ON COLUMN fact_periods.period_end IS 'Last day of the period.';

COMMENT ON VIEW corroborations IS 'Pairs of facts from different documents with the same item, region, status and quantity, periods within the window (SET VARIABLE medfacts_window_days, default 30); each pair once.';
COMMENT ON COLUMN corroborations.fact_id IS 'One fact of the pair (the smaller id).';
COMMENT ON COLUMN corroborations.other_fact_id IS 'The other fact, from another document.';
COMMENT ON COLUMN corroborations.item IS 'Item id both state.';
COMMENT ON COLUMN corroborations.region IS 'Region id both state.';
COMMENT ON COLUMN corroborations.status IS 'Status both state.';
COMMENT ON COLUMN corroborations.quantity IS 'The quantity both state.';
COMMENT ON COLUMN corroborations.quantity_text IS 'The number as written in the first fact.';
COMMENT ON COLUMN corroborations.other_quantity_text IS 'The number as written in the other fact.';
COMMENT ON COLUMN corroborations.source IS 'Source of the first fact.';
COMMENT ON COLUMN corroborations.other_source IS 'Source of the other fact.';
COMMENT ON COLUMN corroborations.days_apart IS 'Days between the two periods; 0 when they overlap.';

COMMENT ON VIEW conflicts IS 'Pairs of facts from different documents with the same item, region, status and period (within the window) but different quantities: updates or disagreements; each pair once.';
COMMENT ON COLUMN conflicts.fact_id IS 'One fact of the pair (the smaller id).';
COMMENT ON COLUMN conflicts.other_fact_id IS 'The other fact, from another document.';
COMMENT ON COLUMN conflicts.item IS 'Item id both state.';
COMMENT ON COLUMN conflicts.region IS 'Region id both state.';
COMMENT ON COLUMN conflicts.status IS 'Status both state.';
COMMENT ON COLUMN conflicts.quantity IS 'Quantity of the first fact.';
COMMENT ON COLUMN conflicts.other_quantity IS 'Quantity of the other fact.';
COMMENT ON COLUMN conflicts.difference IS 'other_quantity - quantity.';
COMMENT ON COLUMN conflicts.quantity_text IS 'The first number as written.';
COMMENT ON COLUMN conflicts.other_quantity_text IS 'The other number as written.';
COMMENT ON COLUMN conflicts.source IS 'Source of the first fact.';
COMMENT ON COLUMN conflicts.other_source IS 'Source of the other fact.';
COMMENT ON COLUMN conflicts.days_apart IS 'Days between the two periods; 0 when they overlap.';

COMMENT ON VIEW figures IS 'Each fact with the distinct figure it states: facts linked by corroborations (transitively) are one figure.';
COMMENT ON COLUMN figures.fact_id IS 'The fact (facts.fact_id).';
COMMENT ON COLUMN figures.figure_id IS 'The smallest fact_id among the facts stating the same figure.';
COMMENT ON COLUMN figures.sources IS 'Documents stating the figure; more than 1 means corroborated.';
