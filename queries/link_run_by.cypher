UNWIND $rows AS row
MATCH (s:Project {id: row.source})
MATCH (t:Body {id: row.target})
MERGE (s)-[r:RUN_BY {id: row.id}]->(t)
SET r.dataset = row.dataset,
    r.row_hash = row.row_hash,
    r.sources = row.sources,
    r.confidence = row.confidence
