UNWIND $rows AS row
MATCH (s:Tally {id: row.source})
MATCH (t:Meeting {id: row.target})
MERGE (s)-[r:TALLY_OF {id: row.id}]->(t)
SET r.dataset = row.dataset,
    r.row_hash = row.row_hash,
    r.sources = row.sources,
    r.confidence = row.confidence
