-- The incident timeline becomes a module of its own (timeline). The table is renamed, so every entry keeps its id
-- and its place; kinds are namespaced by the module that writes them; entries may carry a JSON payload.
ALTER TABLE incidents_timeline RENAME TO timeline_entries;
ALTER INDEX incidents_timeline_incident_idx RENAME TO timeline_entries_incident_idx;
ALTER TABLE timeline_entries ALTER COLUMN kind SET DATA TYPE VARCHAR(64);
ALTER TABLE timeline_entries ADD COLUMN payload TEXT;

UPDATE timeline_entries SET kind = CASE kind
    WHEN 'INCIDENT_OPENED' THEN 'incidents.opened'
    WHEN 'ALERT_RECEIVED' THEN 'incidents.alert_received'
    WHEN 'ALERT_REPEATED' THEN 'incidents.alert_repeated'
    WHEN 'ALERT_ACKNOWLEDGED' THEN 'incidents.alert_acknowledged'
    WHEN 'ALERT_RESOLVED' THEN 'incidents.alert_resolved'
    WHEN 'ACKNOWLEDGED' THEN 'incidents.acknowledged'
    WHEN 'RESOLVED' THEN 'incidents.resolved'
    WHEN 'NOTE' THEN 'incidents.note'
    WHEN 'PRIORITY_CHANGED' THEN 'incidents.priority_changed'
    WHEN 'SEVERITY_CHANGED' THEN 'incidents.severity_changed'
    WHEN 'ROLE_REQUIRED' THEN 'incidents.role_required'
    WHEN 'ROLE_ASSIGNED' THEN 'incidents.role_assigned'
    WHEN 'ROLE_UNASSIGNED' THEN 'incidents.role_unassigned'
    WHEN 'TEAM_INVOLVED' THEN 'incidents.team_involved'
    WHEN 'RESPONSE_TARGET_BREACHED' THEN 'incidents.response_target_breached'
    WHEN 'ESCALATED' THEN 'escalation.escalated'
    WHEN 'ESCALATION_STOPPED' THEN 'escalation.stopped'
    WHEN 'ROLE_PAGED' THEN 'escalation.role_paged'
    WHEN 'PAGED' THEN 'notify.paged'
    WHEN 'DELIVERY_SUCCEEDED' THEN 'notify.delivery_succeeded'
    WHEN 'DELIVERY_FAILED' THEN 'notify.delivery_failed'
    WHEN 'DELIVERY_ABANDONED' THEN 'notify.delivery_abandoned'
    WHEN 'PAGE_ACKNOWLEDGED' THEN 'notify.page_acknowledged'
    ELSE 'incidents.' || LOWER(kind)
END;
