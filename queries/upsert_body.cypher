UNWIND $rows AS row
MERGE (n:Body {id: row.id})
SET n.dataset = row.dataset,
    n.row_hash = row.row_hash,
    n.local_id = row.local_id,
    n.name = row.name,
    n.name_en = row.name_en,
    n.classification = row.classification,
    n.capacity = toInteger(row.capacity),
    n.meeting_cadence = row.meeting_cadence,
    n.founding_date = date(row.founding_date),
    n.dissolution_date = date(row.dissolution_date),
    n.notes = row.notes,
    n.popolo = row.popolo,
    n.canonical_id = row.canonical_id,
    n.sources = row.sources,
    n.confidence = row.confidence
