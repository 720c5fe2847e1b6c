UNWIND $rows AS row
MATCH (s:Project)
WHERE s.id = row.source
WITH s, row
MATCH (s)-[r:PROJECT_LED_BY]->()
WHERE r.id = row.id
DELETE r
