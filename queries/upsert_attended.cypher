UNWIND $rows AS row
MATCH (s:Person {id: row.source})
MATCH (t:Meeting {id: row.target})
MERGE (s)-[r:ATTENDED {id: row.id}]->(t)
SET r.dataset = row.dataset,
    r.row_hash = row.row_hash,
    r.status = row.status,
    r.mode = row.mode,
    r.sources = row.sources,
    r.confidence = row.confidence
