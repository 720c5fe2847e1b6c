MATCH (b:Body {id: $id})
OPTIONAL MATCH (b)-[:PART_OF]->(parent:Body)
OPTIONAL MATCH (b)-[:LED_BY]->(lead:Organization)
RETURN b.id AS id, b.local_id AS local_id, b.dataset AS dataset, b.name AS name,
       b.name_en AS name_en, b.classification AS classification, b.capacity AS capacity,
       b.meeting_cadence AS meeting_cadence, b.founding_date AS founding_date,
       b.dissolution_date AS dissolution_date, b.notes AS notes,
       parent.id AS parent_id, lead.id AS lead_organization_id,
       coalesce(b.canonical_id, b.id) AS canonical_id, b.sources AS sources,
       b.confidence AS confidence
