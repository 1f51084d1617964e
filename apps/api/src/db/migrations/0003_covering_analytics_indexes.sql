DROP INDEX "tasks_owner_id_idx";--> statement-breakpoint
DROP INDEX "time_entries_user_started_idx";--> statement-breakpoint
DROP INDEX "time_entries_user_long_idx";--> statement-breakpoint
CREATE INDEX "tasks_owner_id_idx" ON "tasks" USING btree ("owner_id","id","status","priority","created_at","completed_at","due_at","estimated_minutes");--> statement-breakpoint
CREATE INDEX "time_entries_user_started_idx" ON "time_entries" USING btree ("user_id","started_at","ended_at","task_id","source","adjustment_seconds");--> statement-breakpoint
CREATE INDEX "time_entries_user_long_idx" ON "time_entries" USING btree ("user_id","ended_at") WHERE "time_entries"."ended_at" - "time_entries"."started_at" > interval '24 hours';