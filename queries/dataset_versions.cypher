MATCH (d:Dataset)
WHERE $dataset = '' OR d.id = $dataset
RETURN d.id AS id, d.content_hash AS content_hash
ORDER BY id
