MATCH (a:Person)-[r:MEMBER_OF]->(b:Body)
WHERE r.dataset = $dataset
  AND (r.start_date IS NULL OR r.start_date <= $to)
  AND (r.end_date IS NULL OR r.end_date >= $from)
RETURN a.id AS source, b.id AS target, 'MEMBER_OF' AS kind, r.role AS role,
       r.sources AS sources
UNION ALL
MATCH (a:Body)-[r:PART_OF]->(b:Body) WHERE r.dataset = $dataset
RETURN a.id AS source, b.id AS target, 'PART_OF' AS kind, '' AS role, r.sources AS sources
UNION ALL
MATCH (a:Body)-[r:LED_BY]->(b:Organization) WHERE r.dataset = $dataset
RETURN a.id AS source, b.id AS target, 'LED_BY' AS kind, '' AS role, r.sources AS sources
UNION ALL
MATCH (a:Organization)-[r:SUBORGANIZATION_OF]->(b:Organization) WHERE r.dataset = $dataset
RETURN a.id AS source, b.id AS target, 'SUBORGANIZATION_OF' AS kind, '' AS role,
       r.sources AS sources
UNION ALL
MATCH (a:Project)-[r:PROJECT_LED_BY]->(b:Organization) WHERE r.dataset = $dataset
RETURN a.id AS source, b.id AS target, 'PROJECT_LED_BY' AS kind, '' AS role,
       r.sources AS sources
UNION ALL
MATCH (a:Project)-[r:RUN_BY]->(b:Body) WHERE r.dataset = $dataset
RETURN a.id AS source, b.id AS target, 'RUN_BY' AS kind, '' AS role, r.sources AS sources
UNION ALL
MATCH (a:Project)-[r:SUBPROJECT_OF]->(b:Project) WHERE r.dataset = $dataset
RETURN a.id AS source, b.id AS target, 'SUBPROJECT_OF' AS kind, '' AS role,
       r.sources AS sources
UNION ALL
MATCH (p:Person)<-[:BY_PERSON]-(a:Appearance)-[:AT]->(e:Project)
WHERE a.dataset = $dataset AND (a.date IS NULL OR (a.date >= $from AND a.date <= $to))
RETURN p.id AS source, e.id AS target, 'APPEARED_AT' AS kind, a.role AS role,
       a.sources AS sources
UNION ALL
MATCH (p:Post)<-[:BY_POST]-(a:Appearance)-[:AT]->(e:Project)
WHERE a.dataset = $dataset AND (a.date IS NULL OR (a.date >= $from AND a.date <= $to))
RETURN p.id AS source, e.id AS target, 'APPEARED_AT' AS kind, a.role AS role,
       a.sources AS sources
UNION ALL
MATCH (a:Person)-[r:AFFILIATED_WITH]->(b:Organization)
WHERE r.dataset = $dataset
  AND (r.start_date IS NULL OR r.start_date <= $to)
  AND (r.end_date IS NULL OR r.end_date >= $from)
RETURN a.id AS source, b.id AS target, 'AFFILIATED_WITH' AS kind, r.title AS role,
       r.sources AS sources
UNION ALL
MATCH (a:Organization)-[r:PARTNER_IN]->(b:Project) WHERE r.dataset = $dataset
RETURN a.id AS source, b.id AS target, 'PARTNER_IN' AS kind, r.role AS role,
       r.sources AS sources
UNION ALL
MATCH (a:Post)-[r:POST_OF]->(b:Body) WHERE r.dataset = $dataset
RETURN a.id AS source, b.id AS target, 'POST_OF' AS kind, '' AS role, r.sources AS sources
UNION ALL
MATCH (a:Post)-[r:POST_IN]->(b:Organization) WHERE r.dataset = $dataset
RETURN a.id AS source, b.id AS target, 'POST_IN' AS kind, '' AS role, r.sources AS sources
