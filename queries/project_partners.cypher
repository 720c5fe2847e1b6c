MATCH (o:Organization)-[r:PARTNER_IN]->(p:Project)
WHERE p.id IN $ids
RETURN p.id AS project_id, o.id AS organization_id, r.role AS role, r.sources AS sources,
       r.confidence AS confidence
ORDER BY o.local_id
