UNWIND $ids AS id
MATCH (n:Project)
WHERE n.id = id
DETACH DELETE n
