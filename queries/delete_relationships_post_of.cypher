UNWIND $rows AS row
MATCH (s:Post)
WHERE s.id = row.source
WITH s, row
MATCH (s)-[r:POST_OF]->()
WHERE r.id = row.id
DELETE r
