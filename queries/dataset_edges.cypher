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
