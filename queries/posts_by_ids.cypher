UNWIND $ids AS wanted
MATCH (s:Post {id: wanted})
OPTIONAL MATCH (s)-[:POST_OF]->(b:Body)
OPTIONAL MATCH (s)-[:POST_IN]->(o:Organization)
RETURN s.id AS id, s.local_id AS local_id, s.dataset AS dataset, s.label AS label,
       s.role AS role, b.id AS body_id, o.id AS organization_id, s.sources AS sources,
       s.confidence AS confidence
