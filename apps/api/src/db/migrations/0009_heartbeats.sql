CREATE TABLE "heartbeats" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "heartbeats_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"user_id" integer NOT NULL,
	"workspace_id" integer NOT NULL,
	"time" timestamp (3) with time zone NOT NULL,
	"entity" text,
	"entity_hash" text NOT NULL,
	"type" text,
	"category" text,
	"project" text,
	"branch" text,
	"language" text,
	"is_write" boolean DEFAULT false NOT NULL,
	"lines" integer,
	"lineno" integer,
	"cursorpos" integer,
	"editor" text,
	"plugin" text,
	"machine" text,
	"user_agent" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "activity_entities" text DEFAULT 'full' NOT NULL;--> statement-breakpoint
ALTER TABLE "heartbeats" ADD CONSTRAINT "heartbeats_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "heartbeats" ADD CONSTRAINT "heartbeats_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "heartbeats_dedupe_key" ON "heartbeats" USING btree ("workspace_id","user_id","time","entity_hash","is_write");--> statement-breakpoint
CREATE INDEX "heartbeats_time_idx" ON "heartbeats" USING btree ("time");--> statement-breakpoint
ALTER TABLE "users" ADD CONSTRAINT "users_activity_entities_check" CHECK ("users"."activity_entities" in ('full', 'basename', 'none'));