-- article_overview: What does each article hold, and what did cleaning set aside? One row per article (newest version).
--
-- article_id       the article's id: unique, the key of this view
-- outlet           the outlet that published it
-- title            its title
-- url              where it was published, where known
-- byline           its author(s), where known
-- published_on     its publication date
-- date_precision   day, month, year or unknown
-- date_source      where the date came from: meta or text
-- article_file     its source file (FILE#ID for JSON articles)
-- source_format    txt, html or json
-- version          1 for the first import of the file, then 2, 3, ...
-- quotes           quotes found in it
-- speakers         distinct speakers quoted
-- events           events it reports
-- places           distinct places it names
-- removed_ranges   pieces cleaning set aside (boilerplate, titles, repeated lines)
-- removed_chars    how many characters those pieces hold
-- removed_reasons  why, "; "-separated: navigation, teaser, promo, title, ...
-- ingested_at      when it was imported
CREATE VIEW article_overview AS
SELECT
    a.id                   AS article_id,
    o.name                 AS outlet,
    a.title                AS title,
    a.url                  AS url,
    a.byline               AS byline,
    a.published_on         AS published_on,
    a.published_precision  AS date_precision,
    a.published_source     AS date_source,
    a.source_name          AS article_file,
    a.source_format        AS source_format,
    a.version              AS version,
    s.quotes               AS quotes,
    s.speakers             AS speakers,
    s.events               AS events,
    s.places               AS places,
    s.removed_ranges       AS removed_ranges,
    s.removed_chars        AS removed_chars,
    s.removed_reasons      AS removed_reasons,
    a.ingested_at          AS ingested_at
FROM articles AS a
JOIN article_summary AS s ON s.article_id = a.id
LEFT JOIN outlets AS o ON o.id = a.outlet_id
WHERE a.superseded_by IS NULL
ORDER BY a.published_on, a.source_name, a.id
