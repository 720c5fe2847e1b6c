MATCH (n:Body)
WHERE n.id = $id
RETURN n.id AS id, n.dataset AS dataset, n.local_id AS local_id, n.name AS name,
       n.name_en AS name_en, n.classification AS classification, n.capacity AS capacity,
       n.meeting_cadence AS meeting_cadence, n.founding_date AS founding_date,
       n.dissolution_date AS dissolution_date, n.notes AS notes, n.popolo AS popolo,
       n.canonical_id AS canonical_id, n.sources AS sources, n.confidence AS confidence,
       n.row_hash AS row_hash
