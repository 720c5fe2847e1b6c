UNWIND $ids AS id
MATCH (n:Post)
WHERE n.id = id
DETACH DELETE n
