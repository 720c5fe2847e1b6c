UNWIND $ids AS id
MATCH (n:Person)
WHERE n.id = id
DETACH DELETE n
