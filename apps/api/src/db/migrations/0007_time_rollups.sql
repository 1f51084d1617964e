CREATE TABLE "time_rollups" (
	"workspace_id" integer NOT NULL,
	"user_id" integer NOT NULL,
	"task_id" integer NOT NULL,
	"day" date NOT NULL,
	"micros" bigint NOT NULL,
	CONSTRAINT "time_rollups_pkey" PRIMARY KEY("workspace_id","user_id","day","task_id")
);
--> statement-breakpoint
CREATE INDEX "time_rollups_workspace_day_idx" ON "time_rollups" USING btree ("workspace_id","day","task_id","user_id","micros");--> statement-breakpoint
-- An entry's time per UTC day, in microseconds (exact: timestamps have microsecond resolution and
-- extract(epoch) of an interval is numeric). A finished timer or manual entry is split at UTC
-- midnights; an adjustment counts its signed seconds on the UTC day of its instant; a running
-- timer (no end) counts nothing here until it stops.
CREATE FUNCTION "time_entry_utc_days"(s timestamptz, e timestamptz, src "time_entry_source", adj integer)
RETURNS TABLE ("day" date, "micros" bigint) LANGUAGE sql STABLE AS $$
  SELECT (s AT TIME ZONE 'UTC')::date, adj::bigint * 1000000
  WHERE src = 'adjustment' AND adj IS NOT NULL
  UNION ALL
  SELECT d::date,
    (extract(epoch FROM least(e, (d + interval '1 day') AT TIME ZONE 'UTC')
      - greatest(s, d AT TIME ZONE 'UTC')) * 1000000)::bigint
  FROM generate_series(date_trunc('day', s AT TIME ZONE 'UTC'),
    (e AT TIME ZONE 'UTC') - interval '1 microsecond', interval '1 day') AS d
  WHERE src <> 'adjustment' AND e IS NOT NULL AND e > s
$$;--> statement-breakpoint
-- Adds per-key deltas to time_rollups: one upsert in key order (row locks always taken in the same
-- order, so two writers cannot deadlock on it), then removes the rows that reached zero.
CREATE FUNCTION "time_rollups_add"(ws integer[], users integer[], tasks integer[], days date[], deltas bigint[])
RETURNS void LANGUAGE sql VOLATILE AS $$
  INSERT INTO "time_rollups" AS r ("workspace_id", "user_id", "task_id", "day", "micros")
    SELECT w, u, t, d, sum(m)::bigint
    FROM unnest(ws, users, tasks, days, deltas) AS x(w, u, t, d, m)
    GROUP BY w, u, t, d
    HAVING sum(m) <> 0
    ORDER BY w, u, d, t
  ON CONFLICT ("workspace_id", "user_id", "day", "task_id")
    DO UPDATE SET "micros" = r."micros" + excluded."micros";
  DELETE FROM "time_rollups" r
    USING unnest(ws, users, tasks, days) AS x(w, u, t, d)
    WHERE r."workspace_id" = x.w AND r."user_id" = x.u AND r."day" = x.d AND r."task_id" = x.t
      AND r."micros" = 0;
$$;--> statement-breakpoint
-- Keeps time_rollups equal to the sum of time_entries, in the transaction of every change: each
-- statement adds the days of its new rows and subtracts those of its old rows, set-based, so a
-- task or workspace delete that cascades to thousands of entries is one upsert. Deltas commute,
-- so concurrent writers need nothing beyond the upsert's row locks.
CREATE FUNCTION "time_rollups_apply"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    PERFORM "time_rollups_add"(array_agg(n."workspace_id"), array_agg(n."user_id"),
        array_agg(n."task_id"), array_agg(c."day"), array_agg(c."micros"))
      FROM new_rows n
      CROSS JOIN LATERAL "time_entry_utc_days"(n."started_at", n."ended_at", n."source", n."adjustment_seconds") c
      HAVING count(*) > 0;
  ELSIF TG_OP = 'DELETE' THEN
    PERFORM "time_rollups_add"(array_agg(o."workspace_id"), array_agg(o."user_id"),
        array_agg(o."task_id"), array_agg(c."day"), array_agg(-c."micros"))
      FROM old_rows o
      CROSS JOIN LATERAL "time_entry_utc_days"(o."started_at", o."ended_at", o."source", o."adjustment_seconds") c
      HAVING count(*) > 0;
  ELSE
    PERFORM "time_rollups_add"(array_agg(x.w), array_agg(x.u), array_agg(x.t), array_agg(x.d),
        array_agg(x.m))
      FROM (
        SELECT n."workspace_id" AS w, n."user_id" AS u, n."task_id" AS t, c."day" AS d, c."micros" AS m
        FROM new_rows n
        CROSS JOIN LATERAL "time_entry_utc_days"(n."started_at", n."ended_at", n."source", n."adjustment_seconds") c
        UNION ALL
        SELECT o."workspace_id", o."user_id", o."task_id", c."day", -c."micros"
        FROM old_rows o
        CROSS JOIN LATERAL "time_entry_utc_days"(o."started_at", o."ended_at", o."source", o."adjustment_seconds") c
      ) x
      HAVING count(*) > 0;
  END IF;
  RETURN NULL;
END
$$;--> statement-breakpoint
CREATE TRIGGER "time_rollups_on_insert" AFTER INSERT ON "time_entries"
  REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION "time_rollups_apply"();--> statement-breakpoint
CREATE TRIGGER "time_rollups_on_update" AFTER UPDATE ON "time_entries"
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION "time_rollups_apply"();--> statement-breakpoint
CREATE TRIGGER "time_rollups_on_delete" AFTER DELETE ON "time_entries"
  REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION "time_rollups_apply"();--> statement-breakpoint
-- Backfill: every existing entry, as the triggers would have added it.
INSERT INTO "time_rollups" ("workspace_id", "user_id", "task_id", "day", "micros")
  SELECT e."workspace_id", e."user_id", e."task_id", c."day", sum(c."micros")::bigint
  FROM "time_entries" e
  CROSS JOIN LATERAL "time_entry_utc_days"(e."started_at", e."ended_at", e."source", e."adjustment_seconds") c
  GROUP BY 1, 2, 3, 4
  HAVING sum(c."micros") <> 0;
--> statement-breakpoint
-- Every analytics statement now filters entries by workspace_id as well as by user (the
-- distribution column, docs/scaling.md): carried in the covering index so the scan of a period
-- stays index-only instead of fetching each entry's heap row to check it.
DROP INDEX "time_entries_user_started_idx";--> statement-breakpoint
CREATE INDEX "time_entries_user_started_idx" ON "time_entries" USING btree ("user_id","started_at","ended_at","task_id","source","adjustment_seconds") INCLUDE ("workspace_id");
