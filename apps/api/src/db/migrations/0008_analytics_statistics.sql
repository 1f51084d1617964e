-- Issue 15's analytics, measured on the bench data (a heavy user with 100,000 tasks).
--
-- 1. Whose tasks: every "mine" metric filters tasks by workspace_id = W and
--    coalesce(assignee_id, owner_id) = U. PostgreSQL took the two as independent and estimated
--    504 rows for the heavy user's 100,000, so it sorted them for a GroupAggregate and hashed
--    100,000 rows it thought were a few hundred. Multivariate statistics over the pair (an MCV
--    list: in a personal workspace the two always go together) give the planner the real count.
--    Drizzle's schema cannot declare statistics objects, so this one lives in SQL only.
CREATE STATISTICS IF NOT EXISTS "tasks_workspace_holder_stats" (mcv, ndistinct)
  ON "workspace_id", (coalesce("assignee_id", "owner_id")) FROM "tasks";--> statement-breakpoint
-- 2. /metrics/insights forecasts every open estimated task: covering, so it stays index-only
--    (the schema declares the key and predicate; drizzle cannot declare INCLUDE).
CREATE INDEX "tasks_workspace_open_estimated_idx" ON "tasks" USING btree ("workspace_id","category")
  INCLUDE ("estimated_minutes","actual_minutes","assignee_id","owner_id","project_id")
  WHERE "tasks"."status" <> 'done' and "tasks"."estimated_minutes" > 0;--> statement-breakpoint
-- 3. Project scopes read the rollups of each of the project's tasks: a task-leading index
--    turns each probe into one short range instead of a walk of the workspace's whole period.
CREATE INDEX "time_rollups_workspace_task_day_idx" ON "time_rollups" USING btree ("workspace_id","task_id","day","user_id","micros");--> statement-breakpoint
ANALYZE "tasks";
