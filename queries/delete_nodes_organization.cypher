UNWIND $ids AS id
MATCH (n:Organization)
WHERE n.id = id
DETACH DELETE n
