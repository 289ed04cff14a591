-- Signals raised inside Klaxon (SLO breaches) have no integration.
ALTER TABLE intake_alerts ALTER COLUMN integration_id DROP NOT NULL;
