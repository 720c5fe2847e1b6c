MATCH (n:Person)
WHERE n.id = $id
RETURN n.id AS id, n.dataset AS dataset, n.local_id AS local_id, n.name AS name,
       n.other_names AS other_names, n.category AS category, n.public_figure AS public_figure,
       n.pseudonymous AS pseudonymous, n.given_name AS given_name, n.family_name AS family_name,
       n.gender AS gender, n.birth_date AS birth_date, n.death_date AS death_date,
       n.identifiers AS identifiers, n.popolo AS popolo, n.canonical_id AS canonical_id,
       n.sources AS sources, n.confidence AS confidence, n.row_hash AS row_hash
