UNWIND $rows AS row
MATCH (s:Appearance)
WHERE s.id = row.source
WITH s, row
MATCH (s)-[r:AT]->()
WHERE r.id = row.id
DELETE r
