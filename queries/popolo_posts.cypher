MATCH (n:Post)
WHERE n.dataset = $dataset
OPTIONAL MATCH (n)-[:POST_OF]->(b:Body)
OPTIONAL MATCH (n)-[:POST_IN]->(o:Organization)
RETURN n.local_id AS id, n.label AS label, n.role AS role,
       coalesce(b.local_id, o.local_id) AS organization_id, n.popolo AS popolo,
       n.sources AS sources, n.confidence AS confidence
ORDER BY id
