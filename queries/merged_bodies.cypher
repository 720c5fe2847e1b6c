MATCH (n:Body)
WHERE n.canonical_id <> n.id
RETURN n.id AS id, n.canonical_id AS canonical_id
ORDER BY id
