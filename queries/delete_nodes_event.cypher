UNWIND $ids AS id
MATCH (n:Event)
WHERE n.id = id
DETACH DELETE n
