MATCH (p:Person)-[a:AFFILIATED_WITH]->(o:Organization)
WHERE a.dataset = $dataset
RETURN a.id AS id, p.local_id AS person_id, o.local_id AS organization_id, a.title AS title,
       a.start_date AS start_date, a.end_date AS end_date, a.membership_id AS membership_id,
       a.popolo AS popolo, a.sources AS sources, a.confidence AS confidence
ORDER BY id
