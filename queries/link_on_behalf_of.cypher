UNWIND $rows AS row
MATCH (s:Appearance {id: row.source})
MATCH (t:Organization {id: row.target})
MERGE (s)-[r:ON_BEHALF_OF {id: row.id}]->(t)
SET r.dataset = row.dataset,
    r.row_hash = row.row_hash,
    r.sources = row.sources,
    r.confidence = row.confidence
