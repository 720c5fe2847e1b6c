UNWIND $rows AS row
MERGE (n:Post {id: row.id})
SET n.dataset = row.dataset,
    n.row_hash = row.row_hash,
    n.local_id = row.local_id,
    n.label = row.label,
    n.role = row.role,
    n.popolo = row.popolo,
    n.sources = row.sources,
    n.confidence = row.confidence
