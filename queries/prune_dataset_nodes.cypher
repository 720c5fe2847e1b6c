MATCH (n)
WHERE n.dataset = $dataset AND NOT n.id IN $keep
DETACH DELETE n
