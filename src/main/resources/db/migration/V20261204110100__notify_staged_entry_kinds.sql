-- Staged pages keep the timeline entry they will write once due; its kind is now namespaced (see the timeline module).
ALTER TABLE notify_pages ALTER COLUMN announce_kind SET DATA TYPE VARCHAR(64);
UPDATE notify_pages SET announce_kind = CASE announce_kind
    WHEN 'PAGED' THEN 'notify.paged'
    WHEN 'DELIVERY_ABANDONED' THEN 'notify.delivery_abandoned'
    ELSE 'notify.' || LOWER(announce_kind)
END
WHERE announce_kind IS NOT NULL;
