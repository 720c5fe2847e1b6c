MATCH (p:Person)-[a:ATTENDED]->(m:Meeting)-[:MEETING_OF]->(b:Body)
WHERE ($dataset = '' OR m.dataset = $dataset)
  AND (size($body_ids) = 0 OR b.id IN $body_ids)
  AND m.date >= $from AND m.date <= $to
OPTIONAL MATCH (p)-[s:MEMBER_OF]->(b)
WITH p, a, m, b, collect(s.role) AS roles, collect(s.member_category) AS categories
RETURN p.id AS person_id, m.id AS meeting_id, b.id AS body_id,
       b.classification AS classification, m.date AS date, a.status AS status,
       coalesce(a.mode, m.mode) AS mode, roles, categories
ORDER BY date, meeting_id, person_id
