UNWIND $rows AS row
MATCH (s:Quota {id: row.source})
MATCH (t:Term {id: row.target})
MERGE (s)-[r:QUOTA_OF {id: row.id}]->(t)
SET r.dataset = row.dataset,
    r.row_hash = row.row_hash,
    r.sources = row.sources,
    r.confidence = row.confidence
