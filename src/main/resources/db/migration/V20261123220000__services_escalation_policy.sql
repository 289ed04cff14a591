-- A service's escalation policy (module: services). NULL means the default policy.
-- No foreign key: the policies belong to the escalation module, which checks the id before it is stored.
ALTER TABLE services_services ADD COLUMN escalation_policy_id UUID;
CREATE INDEX services_services_policy_idx ON services_services (escalation_policy_id);
