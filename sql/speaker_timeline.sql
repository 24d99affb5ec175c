-- speaker_timeline: When did each speaker speak, and in how many outlets? One row per speaker and day.
--
-- row_id        the row's id: unique, the key of this view
-- speaker_id    the speaker's id
-- speaker       the speaker's canonical name
-- kind          person, organization, group or anonymous
-- day           the publication date of the articles quoting them (NULL: articles with no known date)
-- quotes        quotes that day
-- articles      articles that day
-- outlets       outlets that day
CREATE VIEW speaker_timeline AS
SELECT
    d.id              AS row_id,
    s.id              AS speaker_id,
    s.canonical_name  AS speaker,
    s.kind            AS kind,
    d.day             AS day,
    d.quotes          AS quotes,
    d.articles        AS articles,
    d.outlets         AS outlets
FROM speaker_days AS d
JOIN speakers AS s ON s.id = d.speaker_id
ORDER BY s.canonical_name, s.id, d.day, d.id
