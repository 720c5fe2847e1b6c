UNWIND $rows AS row
MERGE (n:Event {id: row.id})
SET n.dataset = row.dataset,
    n.local_id = row.local_id,
    n.name = row.name,
    n.classification = row.classification,
    n.start_date = date(row.start_date),
    n.end_date = date(row.end_date),
    n.organization_id = row.organization_id,
    n.popolo = row.popolo,
    n.sources = row.sources,
    n.confidence = row.confidence,
    n.row_hash = row.row_hash
