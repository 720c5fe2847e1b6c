UNWIND $rows AS row
MATCH (s:Person {id: row.source})
MATCH (t:Person {id: row.target})
MERGE (s)-[r:POSSIBLY_SAME_AS {id: row.id}]->(t)
SET r.dataset = row.dataset,
    r.row_hash = row.row_hash,
    r.reason = row.reason,
    r.sources = row.sources,
    r.confidence = row.confidence
