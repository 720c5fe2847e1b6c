UNWIND $rows AS row
MATCH (s:Term)
WHERE s.id = row.source
WITH s, row
MATCH (s)-[r:TERM_OF]->()
WHERE r.id = row.id
DELETE r
