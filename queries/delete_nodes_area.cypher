UNWIND $ids AS id
MATCH (n:Area)
WHERE n.id = id
DETACH DELETE n
