UNWIND $rows AS row
MATCH (s:Post {id: row.source})
MATCH (t:Organization {id: row.target})
MERGE (s)-[r:POST_IN {id: row.id}]->(t)
SET r.dataset = row.dataset,
    r.row_hash = row.row_hash,
    r.sources = row.sources,
    r.confidence = row.confidence
