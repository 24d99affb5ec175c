-- events_timeline: What happened, where and when, and how widely was it reported? One row per event.
--
-- event_id        the event's id: unique, the key of this view
-- kind            attack, meeting, call, summit, conference, sanctions or ambassador_summoned
-- event_date      the date of the event, from the most precise report (NULL when no report dates it)
-- date_precision  day, week, month or unknown
-- place           where it happened: the most specific place any report gives
-- place_kind      city, district, region, country, sea or continent
-- country_code    ISO 3166 code of the place's country
-- latitude        of the place (for a country: its capital)
-- longitude       of the place
-- attacker        for attacks: the side that attacked, as reported
-- target          for attacks: the side attacked
-- participants    people named as taking part (meetings, calls, summits), "; "-separated
-- n_articles      number of articles reporting the event
-- n_outlets       number of outlets reporting it
-- confidence      how sure the clustering of reports into this event is (1.0 for a single report)
-- curated         1 if a curator merged or split this event
CREATE VIEW events_timeline AS
SELECT
    e.id              AS event_id,
    e.kind            AS kind,
    e.event_date      AS event_date,
    e.date_precision  AS date_precision,
    p.name            AS place,
    p.kind            AS place_kind,
    p.country_code    AS country_code,
    p.latitude        AS latitude,
    p.longitude       AS longitude,
    e.attacker        AS attacker,
    e.target          AS target,
    e.participants    AS participants,
    e.n_articles      AS n_articles,
    e.n_outlets       AS n_outlets,
    e.confidence      AS confidence,
    e.curated         AS curated
FROM events AS e
LEFT JOIN places AS p ON p.id = e.place_id
ORDER BY e.event_date, e.kind, p.name, e.id
