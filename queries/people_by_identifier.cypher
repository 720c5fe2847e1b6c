MATCH (p:Person)
WHERE $identifier IN p.identifiers AND ($names_visible OR p.public_figure)
RETURN p.id AS id, coalesce(p.canonical_id, p.id) AS canonical_id
ORDER BY id
