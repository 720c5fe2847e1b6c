UNWIND $rows AS row
MERGE (n:Appearance {id: row.id})
SET n.dataset = row.dataset,
    n.row_hash = row.row_hash,
    n.local_id = row.local_id,
    n.role = row.role,
    n.affiliation = row.affiliation,
    n.title = row.title,
    n.date = date(row.date),
    n.sources = row.sources,
    n.confidence = row.confidence
