CREATE TYPE "public"."assessment_outcome" AS ENUM('pass', 'refer');--> statement-breakpoint
CREATE TYPE "public"."evidence_kind" AS ENUM('reflection', 'file', 'link');--> statement-breakpoint
CREATE TYPE "public"."portfolio_status" AS ENUM('draft', 'submitted', 'referred', 'passed');--> statement-breakpoint
CREATE TYPE "public"."submission_status" AS ENUM('awaiting_assessment', 'awaiting_verification', 'overturned', 'referred', 'passed');--> statement-breakpoint
CREATE TYPE "public"."verification_outcome" AS ENUM('confirmed', 'overturned');--> statement-breakpoint
CREATE TYPE "public"."achievement_rule" AS ENUM('completion', 'completion_and_final_assessment', 'completion_and_portfolio');--> statement-breakpoint
CREATE TYPE "public"."certificate_state" AS ENUM('valid', 'revoked', 'superseded');--> statement-breakpoint
CREATE TABLE "assessment_criteria" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"outcome_id" uuid NOT NULL,
	"position" integer NOT NULL,
	"code" text NOT NULL,
	"statement" text NOT NULL,
	"learner_guidance" text DEFAULT '' NOT NULL,
	"assessor_guidance" text DEFAULT '' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "assessment_decisions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"submission_id" uuid NOT NULL,
	"assessor_id" uuid,
	"outcome" "assessment_outcome" NOT NULL,
	"criteria" jsonb NOT NULL,
	"feedback" text NOT NULL,
	"sampled" boolean DEFAULT false NOT NULL,
	"decided_at" timestamp with time zone DEFAULT now() NOT NULL,
	"superseded_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "assessment_units" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"course_id" uuid NOT NULL,
	"position" integer NOT NULL,
	"title" text NOT NULL,
	"summary" text DEFAULT '' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "evidence_criteria" (
	"evidence_id" uuid NOT NULL,
	"criterion_id" uuid NOT NULL,
	CONSTRAINT "evidence_criteria_evidence_id_criterion_id_pk" PRIMARY KEY("evidence_id","criterion_id")
);
--> statement-breakpoint
CREATE TABLE "evidence_items" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"portfolio_id" uuid NOT NULL,
	"kind" "evidence_kind" NOT NULL,
	"title" text NOT NULL,
	"body" text DEFAULT '' NOT NULL,
	"url" text,
	"file_id" uuid,
	"position" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "evidence_items_link_has_url" CHECK ("evidence_items"."kind" <> 'link' or "evidence_items"."url" is not null),
	CONSTRAINT "evidence_items_file_has_file" CHECK ("evidence_items"."kind" <> 'file' or "evidence_items"."file_id" is not null)
);
--> statement-breakpoint
CREATE TABLE "learning_outcomes" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"unit_id" uuid NOT NULL,
	"position" integer NOT NULL,
	"title" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "portfolio_submissions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"portfolio_id" uuid NOT NULL,
	"version" integer NOT NULL,
	"snapshot" jsonb NOT NULL,
	"declaration" text NOT NULL,
	"submitted_at" timestamp with time zone DEFAULT now() NOT NULL,
	"status" "submission_status" DEFAULT 'awaiting_assessment' NOT NULL,
	"assessor_id" uuid,
	"allocated_at" timestamp with time zone,
	"allocated_by" uuid,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "portfolios" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"enrolment_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"course_id" uuid NOT NULL,
	"status" "portfolio_status" DEFAULT 'draft' NOT NULL,
	"revision" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "verification_settings" (
	"id" integer PRIMARY KEY DEFAULT 1 NOT NULL,
	"sample_percent" integer DEFAULT 20 NOT NULL,
	"new_assessor_decisions" integer DEFAULT 3 NOT NULL,
	"updated_by" uuid,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "verification_settings_single_row" CHECK ("verification_settings"."id" = 1),
	CONSTRAINT "verification_settings_percent_range" CHECK ("verification_settings"."sample_percent" between 0 and 100),
	CONSTRAINT "verification_settings_new_assessor_range" CHECK ("verification_settings"."new_assessor_decisions" >= 0)
);
--> statement-breakpoint
CREATE TABLE "verifications" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"decision_id" uuid NOT NULL,
	"verifier_id" uuid,
	"outcome" "verification_outcome" NOT NULL,
	"rationale" text NOT NULL,
	"verified_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "achievements" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" uuid NOT NULL,
	"course_id" uuid NOT NULL,
	"enrolment_id" uuid NOT NULL,
	"rule" "achievement_rule" NOT NULL,
	"cpd_points" integer NOT NULL,
	"achieved_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "awarding_body_registrations" (
	"user_id" uuid PRIMARY KEY NOT NULL,
	"registration_number" text NOT NULL,
	"recorded_by" uuid,
	"recorded_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "certificates" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"code" text NOT NULL,
	"achievement_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"course_id" uuid NOT NULL,
	"certificate_name" text NOT NULL,
	"course_title" text NOT NULL,
	"level_label" text NOT NULL,
	"programme_title" text NOT NULL,
	"cpd_points" integer NOT NULL,
	"issued_at" timestamp with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp with time zone,
	"state" "certificate_state" DEFAULT 'valid' NOT NULL,
	"revoked_at" timestamp with time zone,
	"revoked_by" uuid,
	"revoked_reason" text,
	"replaced_by_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "cpd_activities" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" uuid NOT NULL,
	"title" text NOT NULL,
	"activity_date" date NOT NULL,
	"hours" numeric(6, 2),
	"points" numeric(6, 2),
	"reflection" text DEFAULT '' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "cpd_activities_hours_range" CHECK ("cpd_activities"."hours" is null or ("cpd_activities"."hours" > 0 and "cpd_activities"."hours" <= 1000)),
	CONSTRAINT "cpd_activities_points_range" CHECK ("cpd_activities"."points" is null or ("cpd_activities"."points" > 0 and "cpd_activities"."points" <= 1000)),
	CONSTRAINT "cpd_activities_has_amount" CHECK ("cpd_activities"."hours" is not null or "cpd_activities"."points" is not null)
);
--> statement-breakpoint
ALTER TABLE "courses" ADD COLUMN "certificate_validity_months" integer;--> statement-breakpoint
ALTER TABLE "assessment_criteria" ADD CONSTRAINT "assessment_criteria_outcome_id_learning_outcomes_id_fk" FOREIGN KEY ("outcome_id") REFERENCES "public"."learning_outcomes"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assessment_decisions" ADD CONSTRAINT "assessment_decisions_submission_id_portfolio_submissions_id_fk" FOREIGN KEY ("submission_id") REFERENCES "public"."portfolio_submissions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assessment_decisions" ADD CONSTRAINT "assessment_decisions_assessor_id_users_id_fk" FOREIGN KEY ("assessor_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assessment_units" ADD CONSTRAINT "assessment_units_course_id_courses_id_fk" FOREIGN KEY ("course_id") REFERENCES "public"."courses"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "evidence_criteria" ADD CONSTRAINT "evidence_criteria_evidence_id_evidence_items_id_fk" FOREIGN KEY ("evidence_id") REFERENCES "public"."evidence_items"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "evidence_criteria" ADD CONSTRAINT "evidence_criteria_criterion_id_assessment_criteria_id_fk" FOREIGN KEY ("criterion_id") REFERENCES "public"."assessment_criteria"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "evidence_items" ADD CONSTRAINT "evidence_items_portfolio_id_portfolios_id_fk" FOREIGN KEY ("portfolio_id") REFERENCES "public"."portfolios"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "evidence_items" ADD CONSTRAINT "evidence_items_file_id_stored_files_id_fk" FOREIGN KEY ("file_id") REFERENCES "public"."stored_files"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "learning_outcomes" ADD CONSTRAINT "learning_outcomes_unit_id_assessment_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."assessment_units"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "portfolio_submissions" ADD CONSTRAINT "portfolio_submissions_portfolio_id_portfolios_id_fk" FOREIGN KEY ("portfolio_id") REFERENCES "public"."portfolios"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "portfolio_submissions" ADD CONSTRAINT "portfolio_submissions_assessor_id_users_id_fk" FOREIGN KEY ("assessor_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "portfolio_submissions" ADD CONSTRAINT "portfolio_submissions_allocated_by_users_id_fk" FOREIGN KEY ("allocated_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "portfolios" ADD CONSTRAINT "portfolios_enrolment_id_enrolments_id_fk" FOREIGN KEY ("enrolment_id") REFERENCES "public"."enrolments"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "portfolios" ADD CONSTRAINT "portfolios_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "portfolios" ADD CONSTRAINT "portfolios_course_id_courses_id_fk" FOREIGN KEY ("course_id") REFERENCES "public"."courses"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "verification_settings" ADD CONSTRAINT "verification_settings_updated_by_users_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "verifications" ADD CONSTRAINT "verifications_decision_id_assessment_decisions_id_fk" FOREIGN KEY ("decision_id") REFERENCES "public"."assessment_decisions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "verifications" ADD CONSTRAINT "verifications_verifier_id_users_id_fk" FOREIGN KEY ("verifier_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "achievements" ADD CONSTRAINT "achievements_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "achievements" ADD CONSTRAINT "achievements_course_id_courses_id_fk" FOREIGN KEY ("course_id") REFERENCES "public"."courses"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "achievements" ADD CONSTRAINT "achievements_enrolment_id_enrolments_id_fk" FOREIGN KEY ("enrolment_id") REFERENCES "public"."enrolments"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "awarding_body_registrations" ADD CONSTRAINT "awarding_body_registrations_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "awarding_body_registrations" ADD CONSTRAINT "awarding_body_registrations_recorded_by_users_id_fk" FOREIGN KEY ("recorded_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "certificates" ADD CONSTRAINT "certificates_achievement_id_achievements_id_fk" FOREIGN KEY ("achievement_id") REFERENCES "public"."achievements"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "certificates" ADD CONSTRAINT "certificates_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "certificates" ADD CONSTRAINT "certificates_course_id_courses_id_fk" FOREIGN KEY ("course_id") REFERENCES "public"."courses"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "certificates" ADD CONSTRAINT "certificates_revoked_by_users_id_fk" FOREIGN KEY ("revoked_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cpd_activities" ADD CONSTRAINT "cpd_activities_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "assessment_criteria_outcome_position_idx" ON "assessment_criteria" USING btree ("outcome_id","position");--> statement-breakpoint
CREATE INDEX "assessment_decisions_submission_idx" ON "assessment_decisions" USING btree ("submission_id","decided_at");--> statement-breakpoint
CREATE INDEX "assessment_decisions_assessor_idx" ON "assessment_decisions" USING btree ("assessor_id","decided_at");--> statement-breakpoint
CREATE INDEX "assessment_units_course_position_idx" ON "assessment_units" USING btree ("course_id","position");--> statement-breakpoint
CREATE INDEX "evidence_criteria_criterion_idx" ON "evidence_criteria" USING btree ("criterion_id");--> statement-breakpoint
CREATE INDEX "evidence_items_portfolio_idx" ON "evidence_items" USING btree ("portfolio_id","position");--> statement-breakpoint
CREATE INDEX "evidence_items_file_idx" ON "evidence_items" USING btree ("file_id");--> statement-breakpoint
CREATE INDEX "learning_outcomes_unit_position_idx" ON "learning_outcomes" USING btree ("unit_id","position");--> statement-breakpoint
CREATE UNIQUE INDEX "portfolio_submissions_version_key" ON "portfolio_submissions" USING btree ("portfolio_id","version");--> statement-breakpoint
CREATE INDEX "portfolio_submissions_status_idx" ON "portfolio_submissions" USING btree ("status","submitted_at");--> statement-breakpoint
CREATE INDEX "portfolio_submissions_assessor_idx" ON "portfolio_submissions" USING btree ("assessor_id","status");--> statement-breakpoint
CREATE UNIQUE INDEX "portfolios_enrolment_key" ON "portfolios" USING btree ("enrolment_id");--> statement-breakpoint
CREATE INDEX "portfolios_user_idx" ON "portfolios" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "portfolios_course_status_idx" ON "portfolios" USING btree ("course_id","status");--> statement-breakpoint
CREATE UNIQUE INDEX "verifications_decision_key" ON "verifications" USING btree ("decision_id");--> statement-breakpoint
CREATE UNIQUE INDEX "achievements_enrolment_key" ON "achievements" USING btree ("enrolment_id");--> statement-breakpoint
CREATE INDEX "achievements_user_idx" ON "achievements" USING btree ("user_id","achieved_at");--> statement-breakpoint
CREATE INDEX "achievements_course_achieved_idx" ON "achievements" USING btree ("course_id","achieved_at");--> statement-breakpoint
CREATE INDEX "achievements_achieved_at_idx" ON "achievements" USING btree ("achieved_at");--> statement-breakpoint
CREATE UNIQUE INDEX "certificates_code_key" ON "certificates" USING btree ("code");--> statement-breakpoint
CREATE INDEX "certificates_user_idx" ON "certificates" USING btree ("user_id","issued_at");--> statement-breakpoint
CREATE INDEX "certificates_achievement_idx" ON "certificates" USING btree ("achievement_id");--> statement-breakpoint
CREATE UNIQUE INDEX "certificates_one_valid_per_achievement_key" ON "certificates" USING btree ("achievement_id") WHERE "certificates"."state" = 'valid';--> statement-breakpoint
CREATE INDEX "cpd_activities_user_date_idx" ON "cpd_activities" USING btree ("user_id","activity_date");--> statement-breakpoint
ALTER TABLE "courses" ADD CONSTRAINT "courses_certificate_validity_positive" CHECK ("courses"."certificate_validity_months" is null or "courses"."certificate_validity_months" > 0);--> statement-breakpoint
INSERT INTO "verification_settings" ("id") VALUES (1) ON CONFLICT DO NOTHING;
