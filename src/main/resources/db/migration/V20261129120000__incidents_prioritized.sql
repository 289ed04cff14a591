-- Prioritization is reached the first time an incident gets a priority (when it opens, by a rule, or later, by a
-- person or a frequency rule). Like the creation steps, it is read from the incident row (prioritized_at,
-- prioritized_by) instead of being a row of incidents_process_steps: a prioritised new incident writes no step
-- row at all. The rows written before this change move into the columns.
ALTER TABLE incidents_incidents ADD COLUMN prioritized_at TIMESTAMP WITH TIME ZONE;
ALTER TABLE incidents_incidents ADD COLUMN prioritized_by VARCHAR(200);
UPDATE incidents_incidents SET
    prioritized_at = (SELECT s.reached_at FROM incidents_process_steps s
                      WHERE s.incident_id = incidents_incidents.id AND s.step = 'PRIORITIZATION'),
    prioritized_by = (SELECT s.actor_name FROM incidents_process_steps s
                      WHERE s.incident_id = incidents_incidents.id AND s.step = 'PRIORITIZATION');
DELETE FROM incidents_process_steps WHERE step = 'PRIORITIZATION';
