UNWIND $ids AS wanted
MATCH (a:Appearance)-[:AT]->(e:Project {id: wanted})
OPTIONAL MATCH (a)-[:BY_PERSON]->(p:Person)
OPTIONAL MATCH (a)-[:BY_POST]->(s:Post)
OPTIONAL MATCH (a)-[:ON_BEHALF_OF]->(o:Organization)
RETURN e.id AS owner_id, a.id AS id, a.role AS role, a.affiliation AS affiliation,
       a.title AS title, a.date AS date, e.id AS project_id,
       coalesce(p.id, '') AS person_id, coalesce(s.id, '') AS post_id,
       o.id AS organization_id, a.sources AS sources, a.confidence AS confidence
ORDER BY a.date, a.id
