UNWIND $rows AS row
MATCH (s:Project)
WHERE s.id = row.source
WITH s, row
MATCH (s)-[r:SUBPROJECT_OF]->()
WHERE r.id = row.id
DELETE r
