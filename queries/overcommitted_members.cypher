MATCH (p:Person)-[m:MEMBER_OF]->(b:Body)
WHERE ($dataset = '' OR p.dataset = $dataset)
  AND (m.start_date IS NULL OR m.start_date <= $to)
  AND (m.end_date IS NULL OR m.end_date >= $from)
WITH coalesce(p.canonical_id, p.id) AS person_id, min(p.name) AS name,
     count(DISTINCT coalesce(b.canonical_id, b.id)) AS bodies
WHERE bodies >= $min_bodies
RETURN person_id, bodies
ORDER BY bodies DESC, name, person_id
