-- The databases of the Opsplane services (one per service that keeps state, as platform.manifest
-- lists them), owned by role opsplane, the login of the services: it may create databases and is
-- no superuser. Run by the postgres image on first start (docker-compose.yml), before
-- init-opsplane-password.sh gives the role its password. Safe to run again by hand as a superuser:
--   psql -h 127.0.0.1 -U postgres -f runtime/postgres/init-databases.sql
-- ./opsplane does not use this file: ./opsplane infra up creates the role and the databases itself.
SELECT 'CREATE ROLE opsplane LOGIN CREATEDB'
WHERE NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'opsplane')
\gexec
SELECT format('CREATE DATABASE %I OWNER opsplane', name)
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
