MATCH (r:AllowanceRate)
WHERE $dataset = '' OR r.dataset = $dataset
RETURN r.id AS id, r.dataset AS dataset, r.body_classification AS body_classification,
       r.member_group AS member_group, r.mode AS mode, r.amount_krw AS amount_krw,
       r.valid_from AS valid_from, r.valid_to AS valid_to, r.sources AS sources,
       r.confidence AS confidence
ORDER BY body_classification, member_group, mode, valid_from
