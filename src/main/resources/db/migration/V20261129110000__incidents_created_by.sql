-- Identification, logging and categorization are reached the moment an incident is created, by whoever created
-- it. They are read from the incident row (created_at, created_by) instead of being written as three rows of
-- incidents_process_steps per incident; the other steps (prioritization, response) stay rows there.
-- Rows written before this change stay and say the same thing.
ALTER TABLE incidents_incidents ADD COLUMN created_by VARCHAR(200);
UPDATE incidents_incidents SET created_by = COALESCE(
    (SELECT s.actor_name FROM incidents_process_steps s
     WHERE s.incident_id = incidents_incidents.id AND s.step = 'IDENTIFICATION'),
    'Klaxon');
ALTER TABLE incidents_incidents ALTER COLUMN created_by SET NOT NULL;
