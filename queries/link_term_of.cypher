UNWIND $rows AS row
MATCH (s:Term {id: row.source})
MATCH (t:Body {id: row.target})
MERGE (s)-[r:TERM_OF {id: row.id}]->(t)
SET r.dataset = row.dataset,
    r.row_hash = row.row_hash,
    r.sources = row.sources,
    r.confidence = row.confidence
