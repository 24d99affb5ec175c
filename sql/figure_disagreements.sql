-- figure_disagreements: Where do articles disagree on a figure of the same event? One row per pair of differing reports.
--
-- agreement says whether the two wordings can both be true: 'compatible' (550 and 'over 500',
-- 23 and 'over two dozen': some number fits both) or 'contradiction' (7 killed and 12 killed).
--
-- figure_id           one article's figure: unique with other_figure_id; the lower id of the pair, the key of this view
-- event_id            the event both articles report
-- event_kind          attack, ...
-- place               where it happened
-- figure              what is counted: drones, killed, injured, ...
-- wording             the first article's words
-- value_low           its lowest value
-- value_high          its highest value
-- outlet              the first article's outlet
-- article_file        the first article
-- other_figure_id     the other article's figure
-- other_wording       the other article's words
-- other_value_low     its lowest value
-- other_value_high    its highest value
-- other_outlet        the other article's outlet
-- other_article_file  the other article
-- agreement           'contradiction' when no single number fits both wordings, else 'compatible'
CREATE VIEW figure_disagreements AS
SELECT
    f.id              AS figure_id,
    e.id              AS event_id,
    e.kind            AS event_kind,
    p.name            AS place,
    f.kind            AS figure,
    f.wording         AS wording,
    f.value_low       AS value_low,
    f.value_high      AS value_high,
    o.name            AS outlet,
    a.source_name     AS article_file,
    g.id              AS other_figure_id,
    g.wording         AS other_wording,
    g.value_low       AS other_value_low,
    g.value_high      AS other_value_high,
    o2.name           AS other_outlet,
    a2.source_name    AS other_article_file,
    fa.label          AS agreement
FROM report_figures AS f
JOIN event_reports AS r ON r.id = f.report_id
JOIN event_reports AS r2 ON r2.event_id = r.event_id AND r2.article_id <> r.article_id
JOIN report_figures AS g ON g.report_id = r2.id AND g.kind = f.kind AND g.id > f.id
JOIN events AS e ON e.id = r.event_id
JOIN articles AS a ON a.id = r.article_id
JOIN articles AS a2 ON a2.id = r2.article_id
LEFT JOIN places AS p ON p.id = e.place_id
LEFT JOIN outlets AS o ON o.id = a.outlet_id
LEFT JOIN outlets AS o2 ON o2.id = a2.outlet_id
JOIN figure_agreements AS fa ON fa.label = CASE
    WHEN (CASE WHEN f.value_low IS NULL THEN g.value_low
               WHEN g.value_low IS NULL OR f.value_low >= g.value_low THEN f.value_low
               ELSE g.value_low END)
       > (CASE WHEN f.value_high IS NULL THEN g.value_high
               WHEN g.value_high IS NULL OR f.value_high <= g.value_high THEN f.value_high
               ELSE g.value_high END)
    THEN 'contradiction' ELSE 'compatible' END
WHERE a.superseded_by IS NULL AND a2.superseded_by IS NULL
  AND (COALESCE(f.value_low, -1) <> COALESCE(g.value_low, -1) OR COALESCE(f.value_high, -1) <> COALESCE(g.value_high, -1))
ORDER BY e.id, f.kind, f.id, g.id
