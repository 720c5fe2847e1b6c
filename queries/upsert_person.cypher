UNWIND $rows AS row
MERGE (n:Person {id: row.id})
SET n.dataset = row.dataset,
    n.row_hash = row.row_hash,
    n.local_id = row.local_id,
    n.name = row.name,
    n.other_names = row.other_names,
    n.category = row.category,
    n.public_figure = row.public_figure,
    n.pseudonymous = row.pseudonymous,
    n.sources = row.sources,
    n.confidence = row.confidence
