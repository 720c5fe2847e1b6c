UNWIND $ids AS id
MATCH (n:Body)
WHERE n.id = id
DETACH DELETE n
