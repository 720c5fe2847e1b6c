UNWIND $rows AS row
MERGE (n:Meeting {id: row.id})
SET n.dataset = row.dataset,
    n.row_hash = row.row_hash,
    n.local_id = row.local_id,
    n.number = toInteger(row.number),
    n.date = date(row.date),
    n.mode = row.mode,
    n.seats = toInteger(row.seats),
    n.attendees = toInteger(row.attendees),
    n.sources = row.sources,
    n.confidence = row.confidence
