UNWIND $ids AS wanted
MATCH (o:Organization)-[r:PARTNER_IN]->(p:Project {id: wanted})
RETURN p.id AS project_id, o.id AS organization_id, r.role AS role, r.sources AS sources,
       r.confidence AS confidence
ORDER BY o.local_id
