-- quotes_by_speaker: What has each speaker said, across all sources, in order? One row per quote with a known speaker.
--
-- quote_id         the quote's id: unique, the key of this view
-- speaker_id       the speaker's id (see speaker_directory)
-- speaker          the speaker's canonical name
-- speaker_kind     person, organization, group or anonymous
-- published_on     the article's publication date
-- outlet           the outlet that published it
-- role             the speaker's role or affiliation when quoted
-- kind             direct, partial or indirect
-- verb             the reporting verb as written
-- channel          how it was said, where the article says
-- quote            the quoted or reported words
-- article_title    the article's title
-- article_file     the article's source file
-- article_id       the article's id (see article_overview)
-- article_url      the article's URL, where known
-- byline           the article's author(s), where known
-- start_char       where the quote starts in the article's original text
-- end_char         where it ends (exclusive)
CREATE VIEW quotes_by_speaker AS
SELECT
    q.id              AS quote_id,
    s.id              AS speaker_id,
    s.canonical_name  AS speaker,
    s.kind            AS speaker_kind,
    a.published_on    AS published_on,
    o.name            AS outlet,
    q.speaker_role    AS role,
    q.kind            AS kind,
    q.reporting_verb  AS verb,
    q.channel         AS channel,
    q.text            AS quote,
    a.title           AS article_title,
    a.source_name     AS article_file,
    a.id              AS article_id,
    a.url             AS article_url,
    a.byline          AS byline,
    q.start_char      AS start_char,
    q.end_char        AS end_char
FROM quotes AS q
JOIN speakers AS s ON s.id = q.speaker_id
JOIN articles AS a ON a.id = q.article_id
LEFT JOIN outlets AS o ON o.id = a.outlet_id
WHERE a.superseded_by IS NULL
ORDER BY s.canonical_name, s.id, a.published_on, a.source_name, q.start_char, q.id
