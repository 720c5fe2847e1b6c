UNWIND $rows AS row
MATCH (s:Organization)
WHERE s.id = row.source
WITH s, row
MATCH (s)-[r:SUBORGANIZATION_OF]->()
WHERE r.id = row.id
DELETE r
