UNWIND $rows AS row
MERGE (n:Tally {id: row.id})
SET n.dataset = row.dataset,
    n.row_hash = row.row_hash,
    n.local_id = row.local_id,
    n.member_category = row.member_category,
    n.seats = toInteger(row.seats),
    n.present = toInteger(row.present),
    n.sources = row.sources,
    n.confidence = row.confidence
