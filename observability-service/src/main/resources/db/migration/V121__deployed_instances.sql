-- The application instances deploy-service runs, from its InstanceStarted and InstanceStopped events:
-- the metrics store discovers them with the platform's own components.
CREATE TABLE deployed_instance (
    instance     VARCHAR(255) PRIMARY KEY,
    application  VARCHAR(255) NOT NULL,
    environment  VARCHAR(255) NOT NULL,
    version      VARCHAR(255) NOT NULL,
    track        VARCHAR(32)  NOT NULL,
    port         INTEGER      NOT NULL,
    started_at   TIMESTAMPTZ  NOT NULL
);
