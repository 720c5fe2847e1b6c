UNWIND $rows AS row
MATCH (s:Person)
WHERE s.id = row.source
WITH s, row
MATCH (s)-[r:ATTENDED]->()
WHERE r.id = row.id
DELETE r
