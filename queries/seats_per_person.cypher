MATCH (p:Person)-[m:MEMBER_OF]->(b:Body)
WHERE ($dataset = '' OR p.dataset = $dataset)
  AND (m.start_date IS NULL OR m.start_date <= $to)
  AND (m.end_date IS NULL OR m.end_date >= $from)
RETURN coalesce(p.canonical_id, p.id) AS person_id, b.classification AS classification,
       count(DISTINCT coalesce(b.canonical_id, b.id)) AS seats
