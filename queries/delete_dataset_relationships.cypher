MATCH ()-[r]->()
WHERE r.dataset = $dataset
DELETE r
