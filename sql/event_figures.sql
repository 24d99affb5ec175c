-- event_figures: What figures did each outlet report for the same event? One row per figure, event and article.
--
-- figure_id       the figure's id: unique, the key of this view
-- event_id        the event it is a figure of (see events_timeline)
-- event_kind      attack, meeting, ...
-- place           where the event happened
-- event_date      when
-- figure          what is counted: drones, missiles, drones_and_missiles, killed, injured, children_killed, intercepted, breached, duration_hours
-- value_low       the lowest value the wording allows ('over 500' -> 500); NULL when it gives none
-- value_high      the highest ('nearly ten' -> 10); NULL when open-ended ('at least two')
-- wording         the exact words of the article: 'over 500', 'a record 550', 'at least two'
-- is_estimate     1 for 'about', 'some', 'nearly', 'dozens'
-- outlet          the outlet of the article
-- article_file    the article's source file
-- published_on    the article's publication date
-- start_char      where the wording starts in the article's original text
-- end_char        where it ends (exclusive)
CREATE VIEW event_figures AS
SELECT
    f.id             AS figure_id,
    e.id             AS event_id,
    e.kind           AS event_kind,
    p.name           AS place,
    e.event_date     AS event_date,
    f.kind           AS figure,
    f.value_low      AS value_low,
    f.value_high     AS value_high,
    f.wording        AS wording,
    f.is_estimate    AS is_estimate,
    o.name           AS outlet,
    a.source_name    AS article_file,
    a.published_on   AS published_on,
    f.start_char     AS start_char,
    f.end_char       AS end_char
FROM report_figures AS f
JOIN event_reports AS r ON r.id = f.report_id
JOIN events AS e ON e.id = r.event_id
JOIN articles AS a ON a.id = r.article_id
LEFT JOIN places AS p ON p.id = e.place_id
LEFT JOIN outlets AS o ON o.id = a.outlet_id
WHERE a.superseded_by IS NULL
ORDER BY e.id, f.kind, a.source_name, f.id
