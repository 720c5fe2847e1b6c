UNWIND $rows AS row
MERGE (n:Organization {id: row.id})
SET n.dataset = row.dataset,
    n.row_hash = row.row_hash,
    n.local_id = row.local_id,
    n.name = row.name,
    n.name_en = row.name_en,
    n.classification = row.classification,
    n.popolo = row.popolo,
    n.canonical_id = row.canonical_id,
    n.sources = row.sources,
    n.confidence = row.confidence
