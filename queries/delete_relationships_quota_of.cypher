UNWIND $rows AS row
MATCH (s:Quota)
WHERE s.id = row.source
WITH s, row
MATCH (s)-[r:QUOTA_OF]->()
WHERE r.id = row.id
DELETE r
