-- places_activity: Where do things happen and get said, and since when? One row per place the archive mentions, with coordinates for map plots.
--
-- place_id      the place's id: unique, the key of this view
-- place         canonical name (Kyiv, never Kiev)
-- kind          city, district, region, country, sea or continent
-- country_code  ISO 3166 code of its country
-- latitude      latitude (for a country: its capital)
-- longitude     longitude
-- precision     what the coordinates stand for: city, district, region, country, sea, continent
-- mentions      times articles name the place
-- articles      articles naming it
-- events        events that happened there
-- quotes        quotes said there
-- first_date    earliest date of an event there or an article naming it
-- last_date     latest such date
CREATE VIEW places_activity AS
SELECT
    p.id            AS place_id,
    p.name          AS place,
    p.kind          AS kind,
    p.country_code  AS country_code,
    p.latitude      AS latitude,
    p.longitude     AS longitude,
    p.precision     AS precision,
    s.mentions      AS mentions,
    s.articles      AS articles,
    s.events        AS events,
    s.quotes        AS quotes,
    s.first_date    AS first_date,
    s.last_date     AS last_date
FROM places AS p
JOIN place_summary AS s ON s.place_id = p.id
ORDER BY s.events DESC, s.mentions DESC, p.name, p.id
