MATCH (p:Person)-[m1:MEMBER_OF]->(b:Body)<-[m2:MEMBER_OF]-(q:Person)
WHERE p.id < q.id AND coalesce(p.canonical_id, p.id) <> coalesce(q.canonical_id, q.id)
  AND ($dataset = '' OR b.dataset = $dataset)
  AND (m1.start_date IS NULL OR m1.start_date <= $to)
  AND (m1.end_date IS NULL OR m1.end_date >= $from)
  AND (m2.start_date IS NULL OR m2.start_date <= $to)
  AND (m2.end_date IS NULL OR m2.end_date >= $from)
WITH p, q, count(DISTINCT b) AS shared
WHERE shared >= $min_shared
RETURN p.id AS person_a, q.id AS person_b, shared
