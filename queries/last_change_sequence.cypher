MATCH (c:Change)
WHERE c.dataset = $dataset
RETURN max(c.sequence) AS sequence
