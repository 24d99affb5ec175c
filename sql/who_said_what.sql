-- who_said_what: Who said what, how, through what channel, where, and in which article? One row per quote.
--
-- quote_id       the quote's id: unique, the key of this view
-- speaker        the speaker's canonical name (NULL when the engine could not tell who spoke)
-- speaker_kind   person, organization, group or anonymous
-- role           the speaker's role or affiliation when quoted, as the article gives it
-- quote          the quoted or reported words, exactly as in the article
-- kind           direct (in quote marks), partial (a quoted fragment in the writer's sentence) or indirect (reported speech)
-- verb           the reporting verb as written: said, told reporters, according to, ...
-- channel        how it was said, where the article says: Telegram, X, a statement, an interview with ...
-- place          where it was said, where the article says
-- outlet         the outlet that published the article
-- article_title  the article's title
-- article_file   the article's source file (FILE#ID for JSON articles)
-- article_id     the article's id (see article_overview)
-- article_url    the article's URL, where known
-- byline         the article's author(s), where known
-- published_on   the article's publication date
-- start_char     where the quote starts in the article's original text (Python offset)
-- end_char       where it ends (exclusive)
CREATE VIEW who_said_what AS
SELECT
    q.id               AS quote_id,
    s.canonical_name   AS speaker,
    s.kind             AS speaker_kind,
    q.speaker_role     AS role,
    q.text             AS quote,
    q.kind             AS kind,
    q.reporting_verb   AS verb,
    q.channel          AS channel,
    q.place            AS place,
    o.name             AS outlet,
    a.title            AS article_title,
    a.source_name      AS article_file,
    a.id               AS article_id,
    a.url              AS article_url,
    a.byline           AS byline,
    a.published_on     AS published_on,
    q.start_char       AS start_char,
    q.end_char         AS end_char
FROM quotes AS q
JOIN articles AS a ON a.id = q.article_id
LEFT JOIN speakers AS s ON s.id = q.speaker_id
LEFT JOIN outlets AS o ON o.id = a.outlet_id
WHERE a.superseded_by IS NULL
ORDER BY a.published_on, a.source_name, q.start_char, q.id
