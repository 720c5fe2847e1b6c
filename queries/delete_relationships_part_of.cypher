UNWIND $rows AS row
MATCH (s:Body)
WHERE s.id = row.source
WITH s, row
MATCH (s)-[r:PART_OF]->()
WHERE r.id = row.id
DELETE r
