UNWIND $rows AS row
MATCH (n:Body {id: row.id})
SET n.canonical_id = row.canonical_id
