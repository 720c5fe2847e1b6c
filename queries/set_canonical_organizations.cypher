UNWIND $rows AS row
MATCH (n:Organization {id: row.id})
SET n.canonical_id = row.canonical_id
