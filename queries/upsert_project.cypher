UNWIND $rows AS row
MERGE (n:Project {id: row.id})
SET n.dataset = row.dataset,
    n.row_hash = row.row_hash,
    n.local_id = row.local_id,
    n.name = row.name,
    n.name_en = row.name_en,
    n.kind = row.kind,
    n.year = toInteger(row.year),
    n.budget_krw = toInteger(row.budget_krw),
    n.status = row.status,
    n.start_date = date(row.start_date),
    n.end_date = date(row.end_date),
    n.location = row.location,
    n.participants = toInteger(row.participants),
    n.sources = row.sources,
    n.confidence = row.confidence
