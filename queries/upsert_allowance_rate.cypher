UNWIND $rows AS row
MERGE (n:AllowanceRate {id: row.id})
SET n.dataset = row.dataset,
    n.row_hash = row.row_hash,
    n.local_id = row.local_id,
    n.body_classification = row.body_classification,
    n.member_group = row.member_group,
    n.mode = row.mode,
    n.amount_krw = toInteger(row.amount_krw),
    n.valid_from = date(row.valid_from),
    n.valid_to = date(row.valid_to),
    n.sources = row.sources,
    n.confidence = row.confidence
