MATCH (d:Dataset)
WHERE d.id = $dataset
RETURN d.title AS title, d.description AS description, d.licence AS licence,
       d.sources AS sources
