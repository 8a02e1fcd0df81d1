-- The application role and one database per application (and one for Keycloak).
-- Idempotent: deploy/stack runs it at every `up`; the PostgreSQL image runs it once.
SELECT 'CREATE ROLE forecourt LOGIN PASSWORD ''forecourt'''
 WHERE NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'forecourt') \gexec

SELECT format('CREATE DATABASE %I OWNER forecourt', 'forecourt_' || name)
  FROM unnest(ARRAY['customer', 'lead', 'aftersales', 'parts', 'complaint', 'gateway', 'keycloak']) AS name
 WHERE NOT EXISTS (SELECT FROM pg_database WHERE datname = 'forecourt_' || name) \gexec
