-- Wakes the outbox relays (of every instance) when new events commit: a notification is delivered
-- only when the inserting transaction commits, and never for one that rolls back.
CREATE FUNCTION outbox_event_notify() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_notify('opsplane_outbox', '');
    RETURN NULL;
END
$$;

CREATE TRIGGER outbox_event_inserted AFTER INSERT ON outbox_event
    FOR EACH STATEMENT EXECUTE FUNCTION outbox_event_notify();
