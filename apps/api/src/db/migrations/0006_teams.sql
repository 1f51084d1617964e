CREATE TYPE "public"."workspace_role" AS ENUM('owner', 'admin', 'member', 'viewer');--> statement-breakpoint
CREATE TABLE "invitations" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "invitations_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"workspace_id" integer NOT NULL,
	"email" text NOT NULL,
	"role" "workspace_role" NOT NULL,
	"token_hash" text NOT NULL,
	"invited_by" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"accepted_at" timestamp with time zone,
	"accepted_by" integer,
	CONSTRAINT "invitations_role_not_owner" CHECK ("invitations"."role" <> 'owner'),
	CONSTRAINT "invitations_email_length" CHECK (char_length("invitations"."email") between 3 and 254)
);
--> statement-breakpoint
CREATE TABLE "workspace_members" (
	"workspace_id" integer NOT NULL,
	"user_id" integer NOT NULL,
	"role" "workspace_role" NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "workspace_members_pkey" PRIMARY KEY("workspace_id","user_id")
);
--> statement-breakpoint
CREATE TABLE "workspaces" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "workspaces_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"name" text NOT NULL,
	"personal_owner_id" integer,
	"members_see_team_time" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "workspaces_name_length" CHECK (char_length("workspaces"."name") between 1 and 100)
);
--> statement-breakpoint
CREATE TABLE "projects" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "projects_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"workspace_id" integer NOT NULL,
	"name" text NOT NULL,
	"color" text DEFAULT '#6366f1' NOT NULL,
	"description" text,
	"budget_minutes" integer,
	"archived" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "projects_name_length" CHECK (char_length("projects"."name") between 1 and 100),
	CONSTRAINT "projects_color_format" CHECK ("projects"."color" ~ '^#[0-9a-f]{6}$'),
	CONSTRAINT "projects_description_length" CHECK ("projects"."description" is null or char_length("projects"."description") <= 2000),
	CONSTRAINT "projects_budget_minutes_range" CHECK ("projects"."budget_minutes" is null or "projects"."budget_minutes" between 1 and 10000000)
);
--> statement-breakpoint
ALTER TABLE "tasks" DROP CONSTRAINT "tasks_owner_id_users_id_fk";
--> statement-breakpoint
ALTER TABLE "time_entries" DROP CONSTRAINT "time_entries_task_id_tasks_id_fk";
--> statement-breakpoint
DROP INDEX "tasks_owner_id_idx";--> statement-breakpoint
DROP INDEX "tasks_owner_status_idx";--> statement-breakpoint
DROP INDEX "tasks_owner_priority_idx";--> statement-breakpoint
DROP INDEX "tasks_owner_category_idx";--> statement-breakpoint
DROP INDEX "tasks_owner_due_at_idx";--> statement-breakpoint
DROP INDEX "tasks_owner_created_at_idx";--> statement-breakpoint
DROP INDEX "tasks_owner_completed_at_idx";--> statement-breakpoint
DROP INDEX "tasks_owner_updated_at_idx";--> statement-breakpoint
DROP INDEX "tasks_owner_title_idx";--> statement-breakpoint
ALTER TABLE "tasks" ALTER COLUMN "owner_id" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "personal_access_tokens" ADD COLUMN "workspace_id" integer;--> statement-breakpoint
ALTER TABLE "tasks" ADD COLUMN "workspace_id" integer;--> statement-breakpoint
ALTER TABLE "tasks" ADD COLUMN "project_id" integer;--> statement-breakpoint
ALTER TABLE "tasks" ADD COLUMN "assignee_id" integer;--> statement-breakpoint
ALTER TABLE "time_entries" ADD COLUMN "workspace_id" integer;--> statement-breakpoint
-- Every existing user gets a personal workspace holding all of their tasks and entries.
INSERT INTO "workspaces" ("name", "personal_owner_id", "created_at", "updated_at")
  SELECT 'Personal', "id", "created_at", "created_at" FROM "users" ORDER BY "id";--> statement-breakpoint
INSERT INTO "workspace_members" ("workspace_id", "user_id", "role", "created_at")
  SELECT "id", "personal_owner_id", 'owner', "created_at" FROM "workspaces";--> statement-breakpoint
UPDATE "tasks" SET "workspace_id" = "workspaces"."id"
  FROM "workspaces" WHERE "workspaces"."personal_owner_id" = "tasks"."owner_id";--> statement-breakpoint
UPDATE "time_entries" SET "workspace_id" = "tasks"."workspace_id"
  FROM "tasks" WHERE "tasks"."id" = "time_entries"."task_id";--> statement-breakpoint
ALTER TABLE "tasks" ALTER COLUMN "workspace_id" SET NOT NULL;--> statement-breakpoint
ALTER TABLE "time_entries" ALTER COLUMN "workspace_id" SET NOT NULL;--> statement-breakpoint
-- The composite foreign keys below need this unique index first. Its INCLUDE columns are the
-- ones the analytics count over all of a workspace's tasks (as tasks_owner_id_idx did), so those
-- scans stay index-only; actual_minutes stays out so the ledger's updates remain HOT.
CREATE UNIQUE INDEX "tasks_workspace_id_key" ON "tasks" USING btree ("workspace_id","id")
  INCLUDE ("status","priority","created_at","completed_at","due_at","estimated_minutes","owner_id","assignee_id","project_id");--> statement-breakpoint
ALTER TABLE "invitations" ADD CONSTRAINT "invitations_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "invitations" ADD CONSTRAINT "invitations_invited_by_users_id_fk" FOREIGN KEY ("invited_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "invitations" ADD CONSTRAINT "invitations_accepted_by_users_id_fk" FOREIGN KEY ("accepted_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "workspace_members" ADD CONSTRAINT "workspace_members_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "workspace_members" ADD CONSTRAINT "workspace_members_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "workspaces" ADD CONSTRAINT "workspaces_personal_owner_id_users_id_fk" FOREIGN KEY ("personal_owner_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "projects" ADD CONSTRAINT "projects_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "invitations_token_hash_key" ON "invitations" USING btree ("token_hash");--> statement-breakpoint
CREATE INDEX "invitations_workspace_idx" ON "invitations" USING btree ("workspace_id","created_at");--> statement-breakpoint
CREATE INDEX "workspace_members_user_idx" ON "workspace_members" USING btree ("user_id","workspace_id","role");--> statement-breakpoint
CREATE UNIQUE INDEX "workspaces_personal_owner_key" ON "workspaces" USING btree ("personal_owner_id") WHERE "workspaces"."personal_owner_id" is not null;--> statement-breakpoint
CREATE UNIQUE INDEX "projects_workspace_id_key" ON "projects" USING btree ("workspace_id","id");--> statement-breakpoint
CREATE UNIQUE INDEX "projects_workspace_name_key" ON "projects" USING btree ("workspace_id",lower("name"));--> statement-breakpoint
ALTER TABLE "personal_access_tokens" ADD CONSTRAINT "personal_access_tokens_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tasks" ADD CONSTRAINT "tasks_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tasks" ADD CONSTRAINT "tasks_project_fk" FOREIGN KEY ("workspace_id","project_id") REFERENCES "public"."projects"("workspace_id","id") ON DELETE SET NULL ("project_id") ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tasks" ADD CONSTRAINT "tasks_assignee_fk" FOREIGN KEY ("workspace_id","assignee_id") REFERENCES "public"."workspace_members"("workspace_id","user_id") ON DELETE SET NULL ("assignee_id") ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tasks" ADD CONSTRAINT "tasks_owner_id_users_id_fk" FOREIGN KEY ("owner_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "time_entries" ADD CONSTRAINT "time_entries_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "time_entries" ADD CONSTRAINT "time_entries_task_fk" FOREIGN KEY ("workspace_id","task_id") REFERENCES "public"."tasks"("workspace_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "tasks_workspace_status_idx" ON "tasks" USING btree ("workspace_id","status","id");--> statement-breakpoint
CREATE INDEX "tasks_workspace_priority_idx" ON "tasks" USING btree ("workspace_id","priority","id");--> statement-breakpoint
CREATE INDEX "tasks_workspace_category_idx" ON "tasks" USING btree ("workspace_id","category","id");--> statement-breakpoint
CREATE INDEX "tasks_workspace_due_at_idx" ON "tasks" USING btree ("workspace_id","due_at","id");--> statement-breakpoint
CREATE INDEX "tasks_workspace_created_at_idx" ON "tasks" USING btree ("workspace_id","created_at","id");--> statement-breakpoint
CREATE INDEX "tasks_workspace_completed_at_idx" ON "tasks" USING btree ("workspace_id","completed_at");--> statement-breakpoint
CREATE INDEX "tasks_workspace_updated_at_idx" ON "tasks" USING btree ("workspace_id","updated_at","id");--> statement-breakpoint
CREATE INDEX "tasks_workspace_title_idx" ON "tasks" USING btree ("workspace_id","title" collate "C","id");--> statement-breakpoint
CREATE INDEX "tasks_workspace_project_idx" ON "tasks" USING btree ("workspace_id","project_id","id");--> statement-breakpoint
CREATE INDEX "tasks_workspace_assignee_idx" ON "tasks" USING btree ("workspace_id","assignee_id","id");--> statement-breakpoint
CREATE INDEX "tasks_workspace_owner_idx" ON "tasks" USING btree ("workspace_id","owner_id","id");--> statement-breakpoint
CREATE INDEX "time_entries_workspace_started_idx" ON "time_entries" USING btree ("workspace_id","started_at","user_id","ended_at","task_id");--> statement-breakpoint
-- A workspace always keeps an owner. Checked at commit (deferred), so one transaction may swap
-- owners; skipped when the workspace itself is being deleted (cascade from workspaces or from
-- the personal owner's account).
CREATE FUNCTION "workspace_keeps_an_owner"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF EXISTS (SELECT 1 FROM "workspaces" WHERE "id" = OLD."workspace_id")
     AND NOT EXISTS (SELECT 1 FROM "workspace_members"
                     WHERE "workspace_id" = OLD."workspace_id" AND "role" = 'owner') THEN
    RAISE EXCEPTION 'workspace % would have no owner', OLD."workspace_id"
      USING ERRCODE = '23514', CONSTRAINT = 'workspace_members_one_owner';
  END IF;
  RETURN NULL;
END
$$;--> statement-breakpoint
CREATE CONSTRAINT TRIGGER "workspace_members_one_owner"
  AFTER UPDATE OF "role" OR DELETE ON "workspace_members"
  DEFERRABLE INITIALLY DEFERRED
  FOR EACH ROW EXECUTE FUNCTION "workspace_keeps_an_owner"();
