MATCH (p:Person)
WHERE p.id IN $ids
MATCH (other:Person)
WHERE other.canonical_id = p.canonical_id AND other.id <> p.id
RETURN p.id AS id, other.id AS other_id
ORDER BY id, other_id
