CREATE TYPE "public"."learner_admin_application_kind" AS ENUM('new', 'renewal');--> statement-breakpoint
CREATE TYPE "public"."learner_admin_application_status" AS ENUM('awaiting_nominees', 'awaiting_decision', 'approved', 'rejected', 'declined_by_nominee', 'withdrawn');--> statement-breakpoint
CREATE TYPE "public"."learner_admin_nominee_role" AS ENUM('line_manager', 'caldicott_guardian', 'hr_lead');--> statement-breakpoint
CREATE TYPE "public"."learner_admin_nominee_status" AS ENUM('pending', 'confirmed', 'declined');--> statement-breakpoint
CREATE TABLE "learner_admin_applications" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"applicant_id" uuid NOT NULL,
	"organisation_id" uuid NOT NULL,
	"kind" "learner_admin_application_kind" DEFAULT 'new' NOT NULL,
	"status" "learner_admin_application_status" DEFAULT 'awaiting_nominees' NOT NULL,
	"reason" text NOT NULL,
	"decided_by" uuid,
	"decided_at" timestamp with time zone,
	"decision_reason" text,
	"user_role_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "learner_admin_nominees" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"application_id" uuid NOT NULL,
	"role" "learner_admin_nominee_role" NOT NULL,
	"name" text NOT NULL,
	"email" text NOT NULL,
	"status" "learner_admin_nominee_status" DEFAULT 'pending' NOT NULL,
	"token_hash" text,
	"token_expires_at" timestamp with time zone,
	"sent_at" timestamp with time zone DEFAULT now() NOT NULL,
	"responded_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "user_roles" ADD COLUMN "expires_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "team_id" uuid;--> statement-breakpoint
ALTER TABLE "learner_admin_applications" ADD CONSTRAINT "learner_admin_applications_applicant_id_users_id_fk" FOREIGN KEY ("applicant_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "learner_admin_applications" ADD CONSTRAINT "learner_admin_applications_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "learner_admin_applications" ADD CONSTRAINT "learner_admin_applications_decided_by_users_id_fk" FOREIGN KEY ("decided_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "learner_admin_applications" ADD CONSTRAINT "learner_admin_applications_user_role_id_user_roles_id_fk" FOREIGN KEY ("user_role_id") REFERENCES "public"."user_roles"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "learner_admin_nominees" ADD CONSTRAINT "learner_admin_nominees_application_id_learner_admin_applications_id_fk" FOREIGN KEY ("application_id") REFERENCES "public"."learner_admin_applications"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "learner_admin_applications_applicant_idx" ON "learner_admin_applications" USING btree ("applicant_id","created_at");--> statement-breakpoint
CREATE INDEX "learner_admin_applications_status_idx" ON "learner_admin_applications" USING btree ("status","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "learner_admin_nominees_application_role_key" ON "learner_admin_nominees" USING btree ("application_id","role");--> statement-breakpoint
CREATE UNIQUE INDEX "learner_admin_nominees_token_hash_key" ON "learner_admin_nominees" USING btree ("token_hash");--> statement-breakpoint
ALTER TABLE "users" ADD CONSTRAINT "users_team_id_organisations_id_fk" FOREIGN KEY ("team_id") REFERENCES "public"."organisations"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "users_team_id_idx" ON "users" USING btree ("team_id");--> statement-breakpoint
CREATE INDEX "audit_events_occurred_at_idx" ON "audit_events" USING btree ("occurred_at");