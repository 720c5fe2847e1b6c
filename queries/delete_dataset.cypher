MATCH (n)
WHERE n.dataset = $dataset
DETACH DELETE n
