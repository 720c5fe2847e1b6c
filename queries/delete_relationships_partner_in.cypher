UNWIND $rows AS row
MATCH (s:Organization)
WHERE s.id = row.source
WITH s, row
MATCH (s)-[r:PARTNER_IN]->()
WHERE r.id = row.id
DELETE r
