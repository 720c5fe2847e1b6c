UNWIND $ids AS id
MATCH (n:Tally)
WHERE n.id = id
DETACH DELETE n
