UNWIND $ids AS id
MATCH (n:AllowanceRate)
WHERE n.id = id
DETACH DELETE n
