UNWIND $ids AS wanted
MATCH (p:Project {id: wanted})
OPTIONAL MATCH (p)-[:PROJECT_LED_BY]->(lead:Organization)
OPTIONAL MATCH (p)-[:RUN_BY]->(body:Body)
OPTIONAL MATCH (p)-[:SUBPROJECT_OF]->(parent:Project)
RETURN p.id AS id, p.local_id AS local_id, p.dataset AS dataset, p.name AS name,
       p.name_en AS name_en, p.kind AS kind, p.year AS year, p.budget_krw AS budget_krw,
       p.status AS status, p.start_date AS start_date, p.end_date AS end_date,
       p.location AS location, p.participants AS participants,
       lead.id AS lead_organization_id, body.id AS body_id,
       parent.id AS parent_id,
       p.sources AS sources, p.confidence AS confidence
