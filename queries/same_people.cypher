UNWIND $ids AS wanted
MATCH (p:Person {id: wanted})
MATCH (other:Person)
WHERE other.canonical_id = p.canonical_id AND other.id <> p.id
RETURN p.id AS id, other.id AS other_id
ORDER BY id, other_id
