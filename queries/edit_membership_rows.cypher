MATCH (p:Person)-[r:MEMBER_OF]->(b:Body)
WHERE r.id = $id OR (p.id = $person AND b.id = $body)
RETURN r.id AS id, r.dataset AS dataset, p.id AS source, b.id AS target, r.role AS role,
       r.member_category AS member_category, r.label AS label, r.start_date AS start_date,
       r.end_date AS end_date, r.on_behalf_of_id AS on_behalf_of_id, r.post_id AS post_id,
       r.area_id AS area_id, r.term_id AS term_id, r.popolo AS popolo, r.sources AS sources,
       r.confidence AS confidence, r.row_hash AS row_hash
ORDER BY id
