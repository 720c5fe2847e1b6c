UNWIND $ids AS wanted
MATCH (b:Body {id: wanted})
MATCH (other:Body)
WHERE other.canonical_id = b.canonical_id AND other.id <> b.id
RETURN b.id AS id, other.id AS other_id
ORDER BY id, other_id
