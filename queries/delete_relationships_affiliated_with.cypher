UNWIND $rows AS row
MATCH (s:Person)
WHERE s.id = row.source
WITH s, row
MATCH (s)-[r:AFFILIATED_WITH]->()
WHERE r.id = row.id
DELETE r
