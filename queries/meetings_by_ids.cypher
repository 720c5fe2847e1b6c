UNWIND $ids AS wanted
MATCH (m:Meeting {id: wanted})-[:MEETING_OF]->(b:Body)
RETURN m.id AS id, m.local_id AS local_id, m.dataset AS dataset, m.number AS number,
       m.date AS date, m.mode AS mode, m.seats AS seats, m.attendees AS attendees,
       b.id AS body_id, m.sources AS sources, m.confidence AS confidence
