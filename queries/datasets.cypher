MATCH (d:Dataset)
RETURN d.id AS id, d.title AS title, d.description AS description, d.licence AS licence,
       d.content_hash AS content_hash, d.pseudonymous_tables AS pseudonymous_tables
ORDER BY id
