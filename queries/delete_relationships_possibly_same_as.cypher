UNWIND $rows AS row
MATCH (s:Person)
WHERE s.id = row.source
WITH s, row
MATCH (s)-[r:POSSIBLY_SAME_AS]->()
WHERE r.id = row.id
DELETE r
