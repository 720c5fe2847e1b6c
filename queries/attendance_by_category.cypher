MATCH (t:Tally)-[:TALLY_OF]->(m:Meeting)-[:MEETING_OF]->(b:Body)
WHERE ($dataset = '' OR m.dataset = $dataset)
  AND (size($body_ids) = 0 OR b.id IN $body_ids)
  AND m.date >= $from AND m.date <= $to
RETURN t.member_category AS member_category, sum(t.seats) AS seats,
       sum(t.present) AS present, count(DISTINCT m) AS meetings
ORDER BY member_category
