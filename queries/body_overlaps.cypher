MATCH (a:Body)<-[m1:MEMBER_OF]-(p:Person)-[m2:MEMBER_OF]->(b:Body)
WHERE a.id < b.id
  AND ($dataset = '' OR p.dataset = $dataset)
  AND (m1.start_date IS NULL OR m1.start_date <= $to)
  AND (m1.end_date IS NULL OR m1.end_date >= $from)
  AND (m2.start_date IS NULL OR m2.start_date <= $to)
  AND (m2.end_date IS NULL OR m2.end_date >= $from)
RETURN a.id AS body_a, b.id AS body_b, count(DISTINCT coalesce(p.canonical_id, p.id)) AS shared
