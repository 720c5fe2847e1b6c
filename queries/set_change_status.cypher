UNWIND $rows AS row
MATCH (c:Change)
WHERE c.id = row.id
SET c.status = row.status
