UNWIND $rows AS row
MERGE (n:Person {id: row.id})
SET n.dataset = row.dataset,
    n.local_id = row.local_id,
    n.name = row.name,
    n.other_names = row.other_names,
    n.category = row.category,
    n.public_figure = row.public_figure,
    n.pseudonymous = row.pseudonymous,
    n.given_name = row.given_name,
    n.family_name = row.family_name,
    n.gender = row.gender,
    n.birth_date = row.birth_date,
    n.death_date = row.death_date,
    n.identifiers = row.identifiers,
    n.popolo = row.popolo,
    n.canonical_id = row.canonical_id,
    n.sources = row.sources,
    n.confidence = row.confidence
