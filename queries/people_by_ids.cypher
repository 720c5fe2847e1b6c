UNWIND $ids AS wanted
MATCH (p:Person {id: wanted})
RETURN p.id AS id, p.local_id AS local_id, p.dataset AS dataset, p.name AS name,
       p.other_names AS other_names, p.category AS category,
       p.public_figure AS public_figure, p.pseudonymous AS pseudonymous,
       coalesce(p.canonical_id, p.id) AS canonical_id, p.sources AS sources,
       p.confidence AS confidence
