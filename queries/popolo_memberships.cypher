MATCH (p:Person)-[m:MEMBER_OF]->(b:Body)
WHERE m.dataset = $dataset
RETURN m.id AS id, p.local_id AS person_id, b.local_id AS organization_id, m.role AS role,
       m.member_category AS member_category, m.label AS label, m.start_date AS start_date,
       m.end_date AS end_date, m.on_behalf_of_id AS on_behalf_of_id, m.post_id AS post_id,
       m.area_id AS area_id, m.term_id AS term_id, m.popolo AS popolo, m.sources AS sources,
       m.confidence AS confidence
ORDER BY id
