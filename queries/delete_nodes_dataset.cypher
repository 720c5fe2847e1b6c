UNWIND $ids AS id
MATCH (n:Dataset)
WHERE n.id = id
DETACH DELETE n
