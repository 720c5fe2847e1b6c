UNWIND $rows AS row
MERGE (n:Area {id: row.id})
SET n.dataset = row.dataset,
    n.local_id = row.local_id,
    n.name = row.name,
    n.classification = row.classification,
    n.parent_id = row.parent_id,
    n.popolo = row.popolo,
    n.sources = row.sources,
    n.confidence = row.confidence,
    n.row_hash = row.row_hash
