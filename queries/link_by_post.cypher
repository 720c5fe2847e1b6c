UNWIND $rows AS row
MATCH (s:Appearance {id: row.source})
MATCH (t:Post {id: row.target})
MERGE (s)-[r:BY_POST {id: row.id}]->(t)
SET r.dataset = row.dataset,
    r.row_hash = row.row_hash,
    r.sources = row.sources,
    r.confidence = row.confidence
