-- A user's scrape job may find its targets through an HTTP service discovery endpoint instead of a fixed list
-- (targets is then empty).
ALTER TABLE scrape_target
    ADD COLUMN http_sd_url        VARCHAR(2048) NOT NULL DEFAULT '',
    ADD COLUMN http_sd_refresh_ms BIGINT        NOT NULL DEFAULT 0;
