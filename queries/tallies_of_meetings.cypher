MATCH (t:Tally)-[:TALLY_OF]->(m:Meeting)
WHERE m.id IN $ids
RETURN m.id AS meeting_id, t.id AS id, t.member_category AS member_category,
       t.seats AS seats, t.present AS present, t.sources AS sources,
       t.confidence AS confidence
ORDER BY t.local_id
