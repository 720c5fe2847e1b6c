UNWIND $rows AS row
MATCH (n:Person {id: row.id})
SET n.canonical_id = row.canonical_id
