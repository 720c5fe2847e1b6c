MATCH (n:Body)
WHERE n.canonical_id IS NULL OR n.canonical_id <> n.id
SET n.canonical_id = n.id
