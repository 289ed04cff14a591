-- The priority the rules gave an alert when it opened (NULL: recorded without an incident), so a repeat
-- only escalates its incident when the rules now say something more urgent.
ALTER TABLE intake_alerts ADD COLUMN priority VARCHAR(40);
