UNWIND $ids AS wanted
MATCH (p:Person {id: wanted})-[r:AFFILIATED_WITH]->(o:Organization)
RETURN p.id AS person_id, r.id AS id, o.id AS organization_id, r.title AS title,
       r.start_date AS start_date, r.end_date AS end_date, r.sources AS sources,
       r.confidence AS confidence
ORDER BY r.start_date, o.id
