-- Escalation steps are staged ahead of their due time (docs/escalation.md, "Staging"): the timer records when its
-- pages were written, and a staged page keeps the timeline line it adds once its time has come (NULL once it has
-- been written). A staged page withdrawn before its time (the incident was acknowledged or resolved) never
-- happened: withdrawn_at says when it was taken back.
ALTER TABLE escalation_timers ADD COLUMN staged_at TIMESTAMP WITH TIME ZONE;
ALTER TABLE notify_pages ADD COLUMN announce_kind VARCHAR(40);
ALTER TABLE notify_pages ADD COLUMN announce_subject VARCHAR(255);
ALTER TABLE notify_pages ADD COLUMN announce_message VARCHAR(10000);
ALTER TABLE notify_pages ADD COLUMN withdrawn_at TIMESTAMP WITH TIME ZONE;
-- The engine's next staging work: open, unstaged timers in due order.
CREATE INDEX escalation_timers_stage_idx ON escalation_timers (staged_at, done_at, due_at);
