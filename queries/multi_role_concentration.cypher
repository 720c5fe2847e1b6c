MATCH (p:Person)-[m:MEMBER_OF]->(b:Body)
WHERE ($dataset = '' OR p.dataset = $dataset)
  AND (m.start_date IS NULL OR m.start_date <= $to)
  AND (m.end_date IS NULL OR m.end_date >= $from)
WITH coalesce(p.canonical_id, p.id) AS person,
     count(DISTINCT coalesce(b.canonical_id, b.id)) AS bodies
RETURN bodies, count(person) AS people
ORDER BY bodies DESC
