UNWIND $ids AS id
MATCH (n:Appearance)
WHERE n.id = id
DETACH DELETE n
