-- Scrape jobs users add: the metrics store discovers them with the platform's own components.
CREATE TABLE scrape_target (
    name         VARCHAR(63)  PRIMARY KEY,
    targets      TEXT         NOT NULL,  -- one host:port per line
    labels       TEXT         NOT NULL,  -- one name=value per line (names hold no '=', values no line break)
    metrics_path VARCHAR(256) NOT NULL,
    scheme       VARCHAR(5)   NOT NULL,
    created_by   VARCHAR(255) NOT NULL,
    created_at   TIMESTAMPTZ  NOT NULL
);
