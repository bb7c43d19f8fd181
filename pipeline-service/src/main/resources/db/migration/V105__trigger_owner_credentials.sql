-- A schedule or event trigger starts runs in its owner's name while the owner is away; each firing re-checks,
-- with security-service, that the credential the owner created it with still may run the pipeline. An API
-- token's id, or (empty) the owner's stored bindings with the groups they had then.
ALTER TABLE pipeline_schedule ADD COLUMN owner_token_id VARCHAR(64) NOT NULL DEFAULT '';
ALTER TABLE pipeline_schedule ADD COLUMN owner_groups TEXT NOT NULL DEFAULT '';
ALTER TABLE event_trigger ADD COLUMN owner_token_id VARCHAR(64) NOT NULL DEFAULT '';
ALTER TABLE event_trigger ADD COLUMN owner_groups TEXT NOT NULL DEFAULT '';
ALTER TABLE trigger_firing ADD COLUMN owner_token_id VARCHAR(64) NOT NULL DEFAULT '';
ALTER TABLE trigger_firing ADD COLUMN owner_groups TEXT NOT NULL DEFAULT '';
