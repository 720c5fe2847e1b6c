MATCH (p:Person)-[m:MEMBER_OF]->(b:Body)
WHERE ($dataset = '' OR b.dataset = $dataset)
  AND (m.start_date IS NULL OR m.start_date <= $to)
  AND (m.end_date IS NULL OR m.end_date >= $from)
RETURN m.id AS id, m.role AS role, m.member_category AS member_category,
       m.start_date AS start_date, m.end_date AS end_date, p.id AS person_id,
       p.name AS person_name, p.public_figure AS public_figure,
       p.pseudonymous AS pseudonymous, b.id AS body_id,
       b.name AS body_name
ORDER BY m.id
SKIP $skip
LIMIT $limit
