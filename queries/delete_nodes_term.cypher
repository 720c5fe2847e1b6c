UNWIND $ids AS id
MATCH (n:Term)
WHERE n.id = id
DETACH DELETE n
