MATCH (p:Person)-[m:MEMBER_OF]->(b:Body)
WHERE p.id IN $ids
  AND (m.start_date IS NULL OR m.start_date <= $to)
  AND (m.end_date IS NULL OR m.end_date >= $from)
  AND (size($roles) = 0 OR m.role IN $roles)
  AND (size($member_categories) = 0 OR m.member_category IN $member_categories)
RETURN m.id AS id, p.id AS person_id, b.id AS body_id, m.role AS role,
       m.member_category AS member_category, m.label AS label, m.start_date AS start_date,
       m.end_date AS end_date, m.sources AS sources, m.confidence AS confidence,
       CASE WHEN m.on_behalf_of_id IS NULL THEN NULL
            ELSE m.dataset + $sep + m.on_behalf_of_id END AS on_behalf_of_id,
       CASE WHEN m.post_id IS NULL THEN NULL ELSE m.dataset + $sep + m.post_id END AS post_id,
       CASE WHEN m.area_id IS NULL THEN NULL ELSE m.dataset + $sep + m.area_id END AS area_id
ORDER BY b.local_id, m.start_date, m.id
