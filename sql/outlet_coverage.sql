-- outlet_coverage: What has each outlet covered, and over which dates? One row per outlet.
--
-- outlet_id           the outlet's id: unique, the key of this view
-- outlet              its name
-- articles            articles from it in the archive (newest versions)
-- quotes              quotes in those articles
-- speakers            distinct speakers it quotes
-- events              distinct events it reports
-- first_published_on  its earliest article's publication date
-- last_published_on   its latest
CREATE VIEW outlet_coverage AS
SELECT
    o.id                   AS outlet_id,
    o.name                 AS outlet,
    s.articles             AS articles,
    s.quotes               AS quotes,
    s.speakers             AS speakers,
    s.events               AS events,
    s.first_published_on   AS first_published_on,
    s.last_published_on    AS last_published_on
FROM outlets AS o
JOIN outlet_summary AS s ON s.outlet_id = o.id
ORDER BY s.articles DESC, o.name, o.id
