MATCH (p:Person)-[m:MEMBER_OF]->(b:Body)
WHERE ($dataset = '' OR p.dataset = $dataset)
  AND (m.start_date IS NULL OR m.start_date <= $to)
  AND (m.end_date IS NULL OR m.end_date >= $from)
RETURN m.id AS id, coalesce(p.canonical_id, p.id) AS person_id,
       coalesce(b.canonical_id, b.id) AS body_id, m.role AS role,
       m.member_category AS member_category, m.label AS label, m.start_date AS start_date,
       m.end_date AS end_date, m.sources AS sources, m.confidence AS confidence,
       b.classification AS classification, p.name AS person_name, b.name AS body_name
ORDER BY person_id, body_id, id
