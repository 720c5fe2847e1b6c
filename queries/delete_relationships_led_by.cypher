UNWIND $rows AS row
MATCH (s:Body)
WHERE s.id = row.source
WITH s, row
MATCH (s)-[r:LED_BY]->()
WHERE r.id = row.id
DELETE r
