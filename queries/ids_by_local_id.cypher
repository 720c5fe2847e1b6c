MATCH (n)
WHERE n.local_id = $local_id
RETURN n.id AS id
ORDER BY id
