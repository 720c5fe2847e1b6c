UNWIND $rows AS row
MATCH (s:Appearance)
WHERE s.id = row.source
WITH s, row
MATCH (s)-[r:ON_BEHALF_OF]->()
WHERE r.id = row.id
DELETE r
