UNWIND $ids AS wanted
MATCH (o:Organization {id: wanted})
MATCH (other:Organization)
WHERE other.canonical_id = o.canonical_id AND other.id <> o.id
RETURN o.id AS id, other.id AS other_id
ORDER BY id, other_id
