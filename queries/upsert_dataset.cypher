UNWIND $rows AS row
MERGE (n:Dataset {id: row.id})
SET n.dataset = row.dataset,
    n.row_hash = row.row_hash,
    n.local_id = row.local_id,
    n.title = row.title,
    n.description = row.description,
    n.licence = row.licence,
    n.content_hash = row.content_hash,
    n.pseudonymous_tables = row.pseudonymous_tables,
    n.sources = row.sources,
    n.confidence = row.confidence
