-- quotes_about_events: What was said about each event? One row per quote and event it speaks about (said in a paragraph that mentions the event).
--
-- link_id       the link's id: unique, the key of this view
-- event_id      the event (see events_timeline)
-- event_kind    attack, meeting, call, ...
-- event_date    when it happened
-- place         where it happened
-- quote_id      the quote (see who_said_what)
-- speaker       who said it
-- quote         the quoted or reported words
-- kind          direct, partial or indirect
-- reason        how they are linked: 'same sentence' or 'same paragraph'
-- outlet        the article's outlet
-- article_file  the article's source file
CREATE VIEW quotes_about_events AS
SELECT
    l.id             AS link_id,
    e.id             AS event_id,
    e.kind           AS event_kind,
    e.event_date     AS event_date,
    p.name           AS place,
    q.id             AS quote_id,
    s.canonical_name AS speaker,
    q.text           AS quote,
    q.kind           AS kind,
    l.reason         AS reason,
    o.name           AS outlet,
    a.source_name    AS article_file
FROM quote_events AS l
JOIN quotes AS q ON q.id = l.quote_id
JOIN events AS e ON e.id = l.event_id
JOIN articles AS a ON a.id = q.article_id
LEFT JOIN speakers AS s ON s.id = q.speaker_id
LEFT JOIN places AS p ON p.id = e.place_id
LEFT JOIN outlets AS o ON o.id = a.outlet_id
WHERE a.superseded_by IS NULL
ORDER BY e.id, a.source_name, q.start_char, l.id
