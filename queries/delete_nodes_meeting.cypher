UNWIND $ids AS id
MATCH (n:Meeting)
WHERE n.id = id
DETACH DELETE n
