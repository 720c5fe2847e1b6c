MATCH (p:Person)
WHERE p.public_figure IS NULL OR NOT p.public_figure
RETURN p.id AS id
ORDER BY id
