CREATE TABLE "form_groups" (
	"form_id" uuid NOT NULL,
	"group_id" uuid NOT NULL,
	CONSTRAINT "form_groups_form_id_group_id_pk" PRIMARY KEY("form_id","group_id")
);
--> statement-breakpoint
CREATE TABLE "activity_objects" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"account_id" uuid NOT NULL,
	"group_id" uuid NOT NULL,
	"member_id" uuid,
	"received_at" timestamp with time zone NOT NULL,
	"assigned_at" timestamp with time zone,
	"responded_at" timestamp with time zone,
	"responded_privately" boolean DEFAULT false NOT NULL,
	"state" text NOT NULL,
	"case_id" bigint,
	CONSTRAINT "activity_objects_state" CHECK ("activity_objects"."state" in ('new','assigned','in_progress','awaiting_approval','responded','closed','duplicate','irrelevant','redirected','no_response_required')),
	CONSTRAINT "activity_objects_order" CHECK ("activity_objects"."assigned_at" >= "activity_objects"."received_at" and "activity_objects"."responded_at" >= "activity_objects"."assigned_at")
);
--> statement-breakpoint
CREATE TABLE "classifications" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"account_id" uuid NOT NULL,
	"name" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "object_classifications" (
	"object_id" bigint NOT NULL,
	"classification_id" uuid NOT NULL,
	CONSTRAINT "object_classifications_object_id_classification_id_pk" PRIMARY KEY("object_id","classification_id")
);
--> statement-breakpoint
CREATE TABLE "sla_targets" (
	"account_id" uuid PRIMARY KEY NOT NULL,
	"response_sla_seconds" integer NOT NULL,
	"action_sla_seconds" integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE "survey_sends" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"account_id" uuid NOT NULL,
	"form_id" uuid NOT NULL,
	"member_id" uuid NOT NULL,
	"group_id" uuid NOT NULL,
	"sent_at" timestamp with time zone NOT NULL,
	"score" smallint,
	"answered_at" timestamp with time zone,
	CONSTRAINT "survey_sends_score" CHECK ("survey_sends"."score" between 0 and 10)
);
--> statement-breakpoint
ALTER TABLE "cases" ADD COLUMN "first_reply_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "cases" ADD COLUMN "last_reply_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "cases" ADD COLUMN "reply_count" integer DEFAULT 1 NOT NULL;--> statement-breakpoint
ALTER TABLE "cases" ADD COLUMN "agent_count" integer DEFAULT 1 NOT NULL;--> statement-breakpoint
ALTER TABLE "forms" ADD COLUMN "title" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "forms" ADD COLUMN "archived" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "forms" ADD COLUMN "created_at" timestamp with time zone DEFAULT now() NOT NULL;--> statement-breakpoint
ALTER TABLE "forms" ADD COLUMN "nps" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "forms" ADD COLUMN "form_url" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "team_groups" ADD COLUMN "comment" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "team_members" ADD COLUMN "sign_in_count" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "team_members" ADD COLUMN "last_sign_in_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "form_groups" ADD CONSTRAINT "form_groups_form_id_forms_id_fk" FOREIGN KEY ("form_id") REFERENCES "public"."forms"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "form_groups" ADD CONSTRAINT "form_groups_group_id_team_groups_id_fk" FOREIGN KEY ("group_id") REFERENCES "public"."team_groups"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "activity_objects" ADD CONSTRAINT "activity_objects_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "activity_objects" ADD CONSTRAINT "activity_objects_group_id_team_groups_id_fk" FOREIGN KEY ("group_id") REFERENCES "public"."team_groups"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "activity_objects" ADD CONSTRAINT "activity_objects_member_id_team_members_id_fk" FOREIGN KEY ("member_id") REFERENCES "public"."team_members"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "activity_objects" ADD CONSTRAINT "activity_objects_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "classifications" ADD CONSTRAINT "classifications_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "object_classifications" ADD CONSTRAINT "object_classifications_object_id_activity_objects_id_fk" FOREIGN KEY ("object_id") REFERENCES "public"."activity_objects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "object_classifications" ADD CONSTRAINT "object_classifications_classification_id_classifications_id_fk" FOREIGN KEY ("classification_id") REFERENCES "public"."classifications"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sla_targets" ADD CONSTRAINT "sla_targets_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "survey_sends" ADD CONSTRAINT "survey_sends_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "survey_sends" ADD CONSTRAINT "survey_sends_form_id_forms_id_fk" FOREIGN KEY ("form_id") REFERENCES "public"."forms"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "survey_sends" ADD CONSTRAINT "survey_sends_member_id_team_members_id_fk" FOREIGN KEY ("member_id") REFERENCES "public"."team_members"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "survey_sends" ADD CONSTRAINT "survey_sends_group_id_team_groups_id_fk" FOREIGN KEY ("group_id") REFERENCES "public"."team_groups"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "activity_objects_account_received" ON "activity_objects" USING btree ("account_id","received_at");--> statement-breakpoint
CREATE INDEX "activity_objects_case" ON "activity_objects" USING btree ("case_id");--> statement-breakpoint
CREATE INDEX "classifications_account" ON "classifications" USING btree ("account_id");--> statement-breakpoint
CREATE INDEX "survey_sends_account_form_sent" ON "survey_sends" USING btree ("account_id","form_id","sent_at");--> statement-breakpoint
CREATE INDEX "cases_account_opened" ON "cases" USING btree ("account_id","opened_at");