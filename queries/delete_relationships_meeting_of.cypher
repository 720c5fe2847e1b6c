UNWIND $rows AS row
MATCH (s:Meeting)
WHERE s.id = row.source
WITH s, row
MATCH (s)-[r:MEETING_OF]->()
WHERE r.id = row.id
DELETE r
