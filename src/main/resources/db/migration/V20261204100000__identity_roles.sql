-- Organisation roles, team roles, deactivation and read-only API tokens (module: identity).
-- The old `admin` flag becomes the organisation role; everyone else is a member.
ALTER TABLE identity_users ADD COLUMN org_role VARCHAR(16) DEFAULT 'member' NOT NULL;
UPDATE identity_users SET org_role = 'admin' WHERE admin = TRUE;
ALTER TABLE identity_users DROP COLUMN admin;
ALTER TABLE identity_users ADD CONSTRAINT identity_users_org_role_ck CHECK (org_role IN ('admin', 'member', 'viewer'));
ALTER TABLE identity_users ADD COLUMN active BOOLEAN DEFAULT TRUE NOT NULL;
ALTER TABLE identity_users ADD COLUMN deactivated_at TIMESTAMP WITH TIME ZONE;

ALTER TABLE identity_team_members ADD COLUMN team_role VARCHAR(16) DEFAULT 'responder' NOT NULL;
ALTER TABLE identity_team_members ADD CONSTRAINT identity_team_members_role_ck CHECK (team_role IN ('manager', 'responder'));
ALTER TABLE identity_team_members ADD COLUMN added_at TIMESTAMP WITH TIME ZONE;
CREATE INDEX identity_team_members_user_idx ON identity_team_members (user_id);

-- Before this version every signed-in user could acknowledge and resolve any incident. So that an upgrade does not
-- leave the people on call unable to answer a page, every existing non-admin user becomes a responder of every
-- existing team; administrators then narrow this down on the Teams page (docs/permissions.md, "Upgrading").
INSERT INTO identity_team_members (team_id, user_id, team_role, added_at)
SELECT t.id, u.id, 'responder', CURRENT_TIMESTAMP
FROM identity_teams t CROSS JOIN identity_users u
WHERE u.org_role = 'member'
  AND NOT EXISTS (SELECT 1 FROM identity_team_members m WHERE m.team_id = t.id AND m.user_id = u.id);

ALTER TABLE identity_api_tokens ADD COLUMN read_only BOOLEAN DEFAULT FALSE NOT NULL;
