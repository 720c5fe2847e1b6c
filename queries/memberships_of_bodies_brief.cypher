MATCH (p:Person)-[m:MEMBER_OF]->(b:Body)
WHERE b.id IN $ids
  AND (m.start_date IS NULL OR m.start_date <= $to)
  AND (m.end_date IS NULL OR m.end_date >= $from)
  AND (size($roles) = 0 OR m.role IN $roles)
  AND (size($member_categories) = 0 OR m.member_category IN $member_categories)
RETURN m.id AS id, p.id AS person_id, b.id AS body_id, m.role AS role,
       m.start_date AS start_date, m.end_date AS end_date,
       p.local_id AS person_local_id, p.dataset AS person_dataset, p.name AS person_name,
       p.category AS person_category, p.public_figure AS person_public_figure,
       p.pseudonymous AS person_pseudonymous, p.canonical_id AS person_canonical_id
