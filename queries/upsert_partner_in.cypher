UNWIND $rows AS row
MATCH (s:Organization {id: row.source})
MATCH (t:Project {id: row.target})
MERGE (s)-[r:PARTNER_IN {id: row.id}]->(t)
SET r.dataset = row.dataset,
    r.row_hash = row.row_hash,
    r.role = row.role,
    r.sources = row.sources,
    r.confidence = row.confidence
