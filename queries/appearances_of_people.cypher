UNWIND $ids AS wanted
MATCH (p:Person {id: wanted})<-[:BY_PERSON]-(a:Appearance)-[:AT]->(e:Project)
WHERE (a.date IS NULL OR (a.date >= $from AND a.date <= $to))
OPTIONAL MATCH (a)-[:ON_BEHALF_OF]->(o:Organization)
RETURN p.id AS owner_id, a.id AS id, a.role AS role, a.affiliation AS affiliation,
       a.title AS title, a.date AS date, e.id AS project_id, p.id AS person_id,
       '' AS post_id, o.id AS organization_id, a.sources AS sources,
       a.confidence AS confidence
ORDER BY a.date, e.id, a.id
