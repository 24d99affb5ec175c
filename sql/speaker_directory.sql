-- speaker_directory: Who speaks in the archive, under which names and roles, how often, in which outlets and when? One row per speaker.
--
-- speaker_id       the speaker's id: unique, the key of this view
-- speaker          canonical name: the fullest form seen, or the name a curator gave
-- kind             person, organization, group or anonymous
-- aliases          every spelling seen or curated, "; "-separated
-- roles            the roles and affiliations said with the quotes, "; "-separated
-- quotes           number of quotes (newest article versions only)
-- articles         number of articles quoting the speaker
-- n_outlets        number of outlets quoting the speaker
-- outlets          those outlets, "; "-separated
-- first_quoted_on  publication date of the earliest article with a quote (NULL if no dates are known)
-- last_quoted_on   publication date of the latest one
-- curated          1 if a curator named this speaker, else 0
CREATE VIEW speaker_directory AS
SELECT
    s.id                AS speaker_id,
    s.canonical_name    AS speaker,
    s.kind              AS kind,
    ss.aliases          AS aliases,
    ss.roles            AS roles,
    ss.quotes           AS quotes,
    ss.articles         AS articles,
    ss.n_outlets        AS n_outlets,
    ss.outlets          AS outlets,
    ss.first_quoted_on  AS first_quoted_on,
    ss.last_quoted_on   AS last_quoted_on,
    s.name_locked       AS curated
FROM speakers AS s
JOIN speaker_summary AS ss ON ss.speaker_id = s.id
ORDER BY ss.quotes DESC, s.canonical_name, s.id
