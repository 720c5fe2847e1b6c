UNWIND $rows AS row
MATCH (s:Person {id: row.source})
MATCH (t:Body {id: row.target})
MERGE (s)-[r:MEMBER_OF {id: row.id}]->(t)
SET r.dataset = row.dataset,
    r.row_hash = row.row_hash,
    r.role = row.role,
    r.member_category = row.member_category,
    r.label = row.label,
    r.start_date = date(row.start_date),
    r.end_date = date(row.end_date),
    r.on_behalf_of_id = row.on_behalf_of_id,
    r.post_id = row.post_id,
    r.area_id = row.area_id,
    r.term_id = row.term_id,
    r.popolo = row.popolo,
    r.sources = row.sources,
    r.confidence = row.confidence
