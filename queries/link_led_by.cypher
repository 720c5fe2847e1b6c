UNWIND $rows AS row
MATCH (s:Body {id: row.source})
MATCH (t:Organization {id: row.target})
MERGE (s)-[r:LED_BY {id: row.id}]->(t)
SET r.dataset = row.dataset,
    r.row_hash = row.row_hash,
    r.sources = row.sources,
    r.confidence = row.confidence
