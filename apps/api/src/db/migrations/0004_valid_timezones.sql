-- Issue 12, D5: profiles could store a zone Node accepts but PostgreSQL does not (US/Pacific-New),
-- which made every metrics query of that user fail. Such profiles fall back to UTC, the default.
UPDATE "users" SET "timezone" = 'UTC'
WHERE lower("timezone") NOT IN (SELECT lower("name") FROM pg_timezone_names);
