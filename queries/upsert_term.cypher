UNWIND $rows AS row
MERGE (n:Term {id: row.id})
SET n.dataset = row.dataset,
    n.row_hash = row.row_hash,
    n.local_id = row.local_id,
    n.number = toInteger(row.number),
    n.start_date = date(row.start_date),
    n.end_date = date(row.end_date),
    n.seats = toInteger(row.seats),
    n.name = row.name,
    n.popolo = row.popolo,
    n.sources = row.sources,
    n.confidence = row.confidence
