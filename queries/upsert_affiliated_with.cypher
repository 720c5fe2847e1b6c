UNWIND $rows AS row
MATCH (s:Person {id: row.source})
MATCH (t:Organization {id: row.target})
MERGE (s)-[r:AFFILIATED_WITH {id: row.id}]->(t)
SET r.dataset = row.dataset,
    r.row_hash = row.row_hash,
    r.title = row.title,
    r.start_date = date(row.start_date),
    r.end_date = date(row.end_date),
    r.membership_id = row.membership_id,
    r.popolo = row.popolo,
    r.sources = row.sources,
    r.confidence = row.confidence
