-- The databases of the Opsplane services (one per service that keeps state).
-- Run by the postgres image on first start; safe to run again by hand:
--   psql -h 127.0.0.1 -U postgres -f runtime/postgres/init-databases.sql
SELECT format('CREATE DATABASE %I', name)
FROM unnest(ARRAY[
       'opsplane_pipeline',
       'opsplane_infra',
       'opsplane_deploy',
       'opsplane_observability',
       'opsplane_healing',
       'opsplane_security'
     ]) AS name
WHERE NOT EXISTS (SELECT 1 FROM pg_database WHERE datname = name)
\gexec
