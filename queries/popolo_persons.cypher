MATCH (p:Person)
WHERE p.dataset = $dataset
RETURN p.local_id AS id, p.name AS name, p.other_names AS other_names, p.category AS category,
       p.public_figure AS public_figure, p.pseudonymous AS pseudonymous,
       p.given_name AS given_name, p.family_name AS family_name, p.gender AS gender,
       p.birth_date AS birth_date, p.death_date AS death_date, p.identifiers AS identifiers,
       p.popolo AS popolo, p.sources AS sources, p.confidence AS confidence
ORDER BY id
