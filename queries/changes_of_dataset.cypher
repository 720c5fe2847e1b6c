MATCH (c:Change)
WHERE ($dataset = '' OR c.dataset = $dataset) AND c.sequence > $after
RETURN c.id AS id, c.dataset AS dataset, c.sequence AS sequence, c.record_id AS record_id,
       c.record_kind AS record_kind, c.action AS action, c.editor AS editor,
       c.editor_role AS editor_role, c.at AS at, c.fields AS fields,
       c.old_values AS old_values, c.new_values AS new_values, c.reason AS reason,
       c.base_version AS base_version, c.version AS version, c.reverts AS reverts,
       c.status AS status, c.sources AS sources, c.person_id AS person_id
ORDER BY sequence, at, id
