-- speaker_network: Who appears with whom? One row per pair of speakers quoted in the same article, or one naming the other in a quote.
--
-- pair_id            the pair's id: unique, the key of this view
-- speaker_a_id       the first speaker's id (the lower)
-- speaker_a          the first speaker's name
-- speaker_b_id       the second speaker's id
-- speaker_b          the second speaker's name
-- articles_together  articles quoting both
-- a_names_b          quotes of the first speaker whose words name the second
-- b_names_a          quotes of the second speaker whose words name the first
CREATE VIEW speaker_network AS
SELECT
    p.id                  AS pair_id,
    a.id                  AS speaker_a_id,
    a.canonical_name      AS speaker_a,
    b.id                  AS speaker_b_id,
    b.canonical_name      AS speaker_b,
    p.articles_together   AS articles_together,
    p.a_names_b           AS a_names_b,
    p.b_names_a           AS b_names_a
FROM speaker_pairs AS p
JOIN speakers AS a ON a.id = p.speaker_a_id
JOIN speakers AS b ON b.id = p.speaker_b_id
ORDER BY p.articles_together DESC, a.canonical_name, b.canonical_name, p.id
