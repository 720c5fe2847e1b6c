UNWIND $ids AS wanted
MATCH (s:Post {id: wanted})<-[:BY_POST]-(a:Appearance)-[:AT]->(e:Project)
OPTIONAL MATCH (a)-[:ON_BEHALF_OF]->(o:Organization)
RETURN s.id AS owner_id, a.id AS id, a.role AS role, a.affiliation AS affiliation,
       a.title AS title, a.date AS date, e.id AS project_id, '' AS person_id,
       s.id AS post_id, o.id AS organization_id, a.sources AS sources,
       a.confidence AS confidence
ORDER BY a.date, e.id, a.id
