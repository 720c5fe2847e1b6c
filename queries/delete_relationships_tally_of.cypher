UNWIND $rows AS row
MATCH (s:Tally)
WHERE s.id = row.source
WITH s, row
MATCH (s)-[r:TALLY_OF]->()
WHERE r.id = row.id
DELETE r
