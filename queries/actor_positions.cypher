MATCH (p:Person)<-[:BY_PERSON]-(a:Appearance)-[:AT]->(e:Project)
WHERE ($dataset = '' OR p.dataset = $dataset)
  AND (a.date IS NULL OR (a.date >= $from AND a.date <= $to))
OPTIONAL MATCH (a)-[:ON_BEHALF_OF]->(o:Organization)
RETURN p.id AS person_id, 'APPEARANCE' AS kind, a.id AS id, e.id AS context_id,
       a.role AS role, o.id AS organization_id, a.date AS date, a.sources AS sources
UNION ALL
MATCH (p:Person)-[m:MEMBER_OF]->(b:Body)
WHERE ($dataset = '' OR p.dataset = $dataset)
  AND (m.start_date IS NULL OR m.start_date <= $to)
  AND (m.end_date IS NULL OR m.end_date >= $from)
RETURN p.id AS person_id, 'MEMBERSHIP' AS kind, m.id AS id, b.id AS context_id,
       m.role AS role, '' AS organization_id, m.start_date AS date, m.sources AS sources
UNION ALL
MATCH (p:Person)-[r:AFFILIATED_WITH]->(o:Organization)
WHERE ($dataset = '' OR p.dataset = $dataset)
  AND (r.start_date IS NULL OR r.start_date <= $to)
  AND (r.end_date IS NULL OR r.end_date >= $from)
RETURN p.id AS person_id, 'AFFILIATION' AS kind, r.id AS id, o.id AS context_id,
       r.title AS role, o.id AS organization_id, r.start_date AS date, r.sources AS sources
