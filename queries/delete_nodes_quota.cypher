UNWIND $ids AS id
MATCH (n:Quota)
WHERE n.id = id
DETACH DELETE n
