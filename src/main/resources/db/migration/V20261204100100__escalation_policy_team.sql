-- An escalation policy belongs to a team (its managers edit it) or, with team_id NULL, to the whole organisation
-- (administrators edit it; the default policy and every policy made before teams owned policies).
ALTER TABLE escalation_policies ADD COLUMN team_id UUID;
CREATE INDEX escalation_policies_team_idx ON escalation_policies (team_id);
