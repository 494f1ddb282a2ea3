CREATE TYPE "public"."driver_node_kind" AS ENUM('primary_driver', 'secondary_driver', 'change_idea');--> statement-breakpoint
CREATE TYPE "public"."improvement_direction" AS ENUM('increase', 'decrease', 'neither');--> statement-breakpoint
CREATE TYPE "public"."measure_frequency" AS ENUM('daily', 'weekly', 'fortnightly', 'monthly', 'quarterly');--> statement-breakpoint
CREATE TYPE "public"."measure_kind" AS ENUM('outcome', 'process', 'balancing');--> statement-breakpoint
CREATE TYPE "public"."pdsa_decision" AS ENUM('adopt', 'adapt', 'abandon');--> statement-breakpoint
CREATE TYPE "public"."project_member_role" AS ENUM('lead', 'member');--> statement-breakpoint
CREATE TYPE "public"."project_setting" AS ENUM('acute_ward', 'emergency_care', 'operating_theatre', 'outpatients', 'mental_health', 'community', 'primary_care', 'care_home', 'ambulance', 'corporate', 'other');--> statement-breakpoint
CREATE TYPE "public"."project_status" AS ENUM('planning', 'testing_changes', 'implementing', 'sustaining', 'completed', 'stopped');--> statement-breakpoint
CREATE TYPE "public"."project_topic" AS ENUM('patient_safety', 'patient_experience', 'flow_and_waiting', 'staff_wellbeing', 'efficiency', 'medicines', 'infection_prevention', 'communication', 'other');--> statement-breakpoint
CREATE TYPE "public"."project_visibility" AS ENUM('team', 'organisation', 'signed_in');--> statement-breakpoint
CREATE TYPE "public"."recognition_status" AS ENUM('awaiting_assessment', 'passed', 'referred');--> statement-breakpoint
CREATE TABLE "case_studies" (
	"project_id" uuid PRIMARY KEY NOT NULL,
	"sections" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"chart_measure_ids" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"revision" integer DEFAULT 1 NOT NULL,
	"updated_by" uuid,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "case_study_library" (
	"project_id" uuid PRIMARY KEY NOT NULL,
	"recognition_id" uuid NOT NULL,
	"title" text NOT NULL,
	"summary" text NOT NULL,
	"setting" "project_setting" NOT NULL,
	"topic" "project_topic" NOT NULL,
	"measure_kinds" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"organisation_name" text,
	"authors" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"content" jsonb NOT NULL,
	"search_text" text NOT NULL,
	"published_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "driver_nodes" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"project_id" uuid NOT NULL,
	"parent_id" uuid,
	"kind" "driver_node_kind" NOT NULL,
	"text" text NOT NULL,
	"position" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "driver_nodes_primary_has_no_parent" CHECK (("driver_nodes"."kind" = 'primary_driver') = ("driver_nodes"."parent_id" is null))
);
--> statement-breakpoint
CREATE TABLE "improvement_projects" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"title" text NOT NULL,
	"problem" text DEFAULT '' NOT NULL,
	"aim_what" text DEFAULT '' NOT NULL,
	"aim_how_much" text DEFAULT '' NOT NULL,
	"aim_by_when" date,
	"setting" "project_setting" NOT NULL,
	"topic" "project_topic" NOT NULL,
	"organisation_id" uuid,
	"team_name" text DEFAULT '' NOT NULL,
	"course_id" uuid,
	"run_id" uuid,
	"status" "project_status" DEFAULT 'planning' NOT NULL,
	"progress_score" numeric(2, 1),
	"visibility" "project_visibility" DEFAULT 'team' NOT NULL,
	"library_consent_at" timestamp with time zone,
	"library_consent_by" uuid,
	"created_by" uuid,
	"revision" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "improvement_projects_progress_score_range" CHECK ("improvement_projects"."progress_score" is null or ("improvement_projects"."progress_score" >= 0.5 and "improvement_projects"."progress_score" <= 5 and mod("improvement_projects"."progress_score" * 2, 1) = 0))
);
--> statement-breakpoint
CREATE TABLE "measure_annotations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"measure_id" uuid NOT NULL,
	"observed_on" date NOT NULL,
	"label" text NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "measure_points" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"measure_id" uuid NOT NULL,
	"observed_on" date NOT NULL,
	"value" double precision NOT NULL,
	"note" text DEFAULT '' NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "measure_points_value_finite" CHECK ("measure_points"."value" not in ('Infinity', '-Infinity', 'NaN'))
);
--> statement-breakpoint
CREATE TABLE "pdsa_cycles" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"project_id" uuid NOT NULL,
	"change_idea_id" uuid,
	"title" text NOT NULL,
	"plan" text DEFAULT '' NOT NULL,
	"prediction" text DEFAULT '' NOT NULL,
	"do_notes" text DEFAULT '' NOT NULL,
	"study" text DEFAULT '' NOT NULL,
	"act" text DEFAULT '' NOT NULL,
	"decision" "pdsa_decision",
	"starts_on" date NOT NULL,
	"ends_on" date,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "pdsa_cycles_dates_in_order" CHECK ("pdsa_cycles"."ends_on" is null or "pdsa_cycles"."ends_on" >= "pdsa_cycles"."starts_on")
);
--> statement-breakpoint
CREATE TABLE "project_invitations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"project_id" uuid NOT NULL,
	"email" text NOT NULL,
	"token_hash" text NOT NULL,
	"role" "project_member_role" DEFAULT 'member' NOT NULL,
	"responsibility" text DEFAULT '' NOT NULL,
	"invited_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"accepted_at" timestamp with time zone,
	"accepted_by" uuid,
	"revoked_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "project_measures" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"project_id" uuid NOT NULL,
	"kind" "measure_kind" NOT NULL,
	"title" text NOT NULL,
	"definition" text DEFAULT '' NOT NULL,
	"unit" text DEFAULT '' NOT NULL,
	"improvement_direction" "improvement_direction" NOT NULL,
	"frequency" "measure_frequency" NOT NULL,
	"target" double precision,
	"rules" jsonb NOT NULL,
	"baseline_end_on" date,
	"rebase_on" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"position" integer DEFAULT 0 NOT NULL,
	"data_version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "project_members" (
	"project_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"role" "project_member_role" DEFAULT 'member' NOT NULL,
	"responsibility" text DEFAULT '' NOT NULL,
	"name_in_library" boolean DEFAULT false NOT NULL,
	"joined_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "project_members_project_id_user_id_pk" PRIMARY KEY("project_id","user_id")
);
--> statement-breakpoint
CREATE TABLE "project_progress_scores" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"project_id" uuid NOT NULL,
	"score" numeric(2, 1) NOT NULL,
	"status" "project_status" NOT NULL,
	"note" text DEFAULT '' NOT NULL,
	"recorded_by" uuid,
	"recorded_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "project_progress_scores_range" CHECK ("project_progress_scores"."score" >= 0.5 and "project_progress_scores"."score" <= 5 and mod("project_progress_scores"."score" * 2, 1) = 0)
);
--> statement-breakpoint
CREATE TABLE "project_recognitions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"project_id" uuid NOT NULL,
	"submission_id" uuid NOT NULL,
	"cpd_points" integer NOT NULL,
	"recognised_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "project_submissions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"project_id" uuid NOT NULL,
	"version" integer NOT NULL,
	"snapshot" jsonb NOT NULL,
	"submitted_by" uuid,
	"submitted_at" timestamp with time zone DEFAULT now() NOT NULL,
	"status" "recognition_status" DEFAULT 'awaiting_assessment' NOT NULL,
	"assessor_id" uuid,
	"allocated_at" timestamp with time zone,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "recognition_certificates" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"code" text NOT NULL,
	"recognition_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"certificate_name" text NOT NULL,
	"project_title" text NOT NULL,
	"cpd_points" integer NOT NULL,
	"issued_at" timestamp with time zone DEFAULT now() NOT NULL,
	"state" "certificate_state" DEFAULT 'valid' NOT NULL
);
--> statement-breakpoint
CREATE TABLE "recognition_decisions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"submission_id" uuid NOT NULL,
	"assessor_id" uuid,
	"outcome" text NOT NULL,
	"scores" jsonb NOT NULL,
	"feedback" text NOT NULL,
	"decided_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "case_studies" ADD CONSTRAINT "case_studies_project_id_improvement_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."improvement_projects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_studies" ADD CONSTRAINT "case_studies_updated_by_users_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_study_library" ADD CONSTRAINT "case_study_library_project_id_improvement_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."improvement_projects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_study_library" ADD CONSTRAINT "case_study_library_recognition_id_project_recognitions_id_fk" FOREIGN KEY ("recognition_id") REFERENCES "public"."project_recognitions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "driver_nodes" ADD CONSTRAINT "driver_nodes_project_id_improvement_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."improvement_projects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "driver_nodes" ADD CONSTRAINT "driver_nodes_parent_id_driver_nodes_id_fk" FOREIGN KEY ("parent_id") REFERENCES "public"."driver_nodes"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "improvement_projects" ADD CONSTRAINT "improvement_projects_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "improvement_projects" ADD CONSTRAINT "improvement_projects_course_id_courses_id_fk" FOREIGN KEY ("course_id") REFERENCES "public"."courses"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "improvement_projects" ADD CONSTRAINT "improvement_projects_run_id_course_runs_id_fk" FOREIGN KEY ("run_id") REFERENCES "public"."course_runs"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "improvement_projects" ADD CONSTRAINT "improvement_projects_library_consent_by_users_id_fk" FOREIGN KEY ("library_consent_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "improvement_projects" ADD CONSTRAINT "improvement_projects_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "measure_annotations" ADD CONSTRAINT "measure_annotations_measure_id_project_measures_id_fk" FOREIGN KEY ("measure_id") REFERENCES "public"."project_measures"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "measure_annotations" ADD CONSTRAINT "measure_annotations_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "measure_points" ADD CONSTRAINT "measure_points_measure_id_project_measures_id_fk" FOREIGN KEY ("measure_id") REFERENCES "public"."project_measures"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "measure_points" ADD CONSTRAINT "measure_points_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pdsa_cycles" ADD CONSTRAINT "pdsa_cycles_project_id_improvement_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."improvement_projects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pdsa_cycles" ADD CONSTRAINT "pdsa_cycles_change_idea_id_driver_nodes_id_fk" FOREIGN KEY ("change_idea_id") REFERENCES "public"."driver_nodes"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pdsa_cycles" ADD CONSTRAINT "pdsa_cycles_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "project_invitations" ADD CONSTRAINT "project_invitations_project_id_improvement_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."improvement_projects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "project_invitations" ADD CONSTRAINT "project_invitations_invited_by_users_id_fk" FOREIGN KEY ("invited_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "project_invitations" ADD CONSTRAINT "project_invitations_accepted_by_users_id_fk" FOREIGN KEY ("accepted_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "project_measures" ADD CONSTRAINT "project_measures_project_id_improvement_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."improvement_projects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "project_members" ADD CONSTRAINT "project_members_project_id_improvement_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."improvement_projects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "project_members" ADD CONSTRAINT "project_members_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "project_progress_scores" ADD CONSTRAINT "project_progress_scores_project_id_improvement_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."improvement_projects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "project_progress_scores" ADD CONSTRAINT "project_progress_scores_recorded_by_users_id_fk" FOREIGN KEY ("recorded_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "project_recognitions" ADD CONSTRAINT "project_recognitions_project_id_improvement_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."improvement_projects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "project_recognitions" ADD CONSTRAINT "project_recognitions_submission_id_project_submissions_id_fk" FOREIGN KEY ("submission_id") REFERENCES "public"."project_submissions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "project_submissions" ADD CONSTRAINT "project_submissions_project_id_improvement_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."improvement_projects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "project_submissions" ADD CONSTRAINT "project_submissions_submitted_by_users_id_fk" FOREIGN KEY ("submitted_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "project_submissions" ADD CONSTRAINT "project_submissions_assessor_id_users_id_fk" FOREIGN KEY ("assessor_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "recognition_certificates" ADD CONSTRAINT "recognition_certificates_recognition_id_project_recognitions_id_fk" FOREIGN KEY ("recognition_id") REFERENCES "public"."project_recognitions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "recognition_certificates" ADD CONSTRAINT "recognition_certificates_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "recognition_decisions" ADD CONSTRAINT "recognition_decisions_submission_id_project_submissions_id_fk" FOREIGN KEY ("submission_id") REFERENCES "public"."project_submissions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "recognition_decisions" ADD CONSTRAINT "recognition_decisions_assessor_id_users_id_fk" FOREIGN KEY ("assessor_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "case_study_library_setting_idx" ON "case_study_library" USING btree ("setting","published_at");--> statement-breakpoint
CREATE INDEX "case_study_library_topic_idx" ON "case_study_library" USING btree ("topic","published_at");--> statement-breakpoint
CREATE INDEX "case_study_library_search_idx" ON "case_study_library" USING gin (to_tsvector('english', "search_text"));--> statement-breakpoint
CREATE INDEX "driver_nodes_project_idx" ON "driver_nodes" USING btree ("project_id","position");--> statement-breakpoint
CREATE INDEX "driver_nodes_parent_idx" ON "driver_nodes" USING btree ("parent_id");--> statement-breakpoint
CREATE INDEX "improvement_projects_organisation_idx" ON "improvement_projects" USING btree ("organisation_id");--> statement-breakpoint
CREATE INDEX "improvement_projects_run_idx" ON "improvement_projects" USING btree ("run_id");--> statement-breakpoint
CREATE INDEX "measure_annotations_measure_idx" ON "measure_annotations" USING btree ("measure_id","observed_on");--> statement-breakpoint
CREATE UNIQUE INDEX "measure_points_measure_date_key" ON "measure_points" USING btree ("measure_id","observed_on");--> statement-breakpoint
CREATE INDEX "pdsa_cycles_project_idx" ON "pdsa_cycles" USING btree ("project_id","starts_on");--> statement-breakpoint
CREATE UNIQUE INDEX "project_invitations_token_key" ON "project_invitations" USING btree ("token_hash");--> statement-breakpoint
CREATE INDEX "project_invitations_project_idx" ON "project_invitations" USING btree ("project_id");--> statement-breakpoint
CREATE INDEX "project_invitations_email_idx" ON "project_invitations" USING btree (lower("email"));--> statement-breakpoint
CREATE INDEX "project_measures_project_idx" ON "project_measures" USING btree ("project_id","position");--> statement-breakpoint
CREATE INDEX "project_members_user_idx" ON "project_members" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "project_progress_scores_project_idx" ON "project_progress_scores" USING btree ("project_id","recorded_at");--> statement-breakpoint
CREATE UNIQUE INDEX "project_recognitions_project_key" ON "project_recognitions" USING btree ("project_id");--> statement-breakpoint
CREATE INDEX "project_recognitions_recognised_idx" ON "project_recognitions" USING btree ("recognised_at");--> statement-breakpoint
CREATE UNIQUE INDEX "project_submissions_version_key" ON "project_submissions" USING btree ("project_id","version");--> statement-breakpoint
CREATE UNIQUE INDEX "project_submissions_one_open_key" ON "project_submissions" USING btree ("project_id") WHERE "project_submissions"."status" = 'awaiting_assessment';--> statement-breakpoint
CREATE INDEX "project_submissions_status_idx" ON "project_submissions" USING btree ("status","submitted_at");--> statement-breakpoint
CREATE INDEX "project_submissions_assessor_idx" ON "project_submissions" USING btree ("assessor_id","status");--> statement-breakpoint
CREATE UNIQUE INDEX "recognition_certificates_code_key" ON "recognition_certificates" USING btree ("code");--> statement-breakpoint
CREATE UNIQUE INDEX "recognition_certificates_member_key" ON "recognition_certificates" USING btree ("recognition_id","user_id");--> statement-breakpoint
CREATE INDEX "recognition_certificates_user_idx" ON "recognition_certificates" USING btree ("user_id","issued_at");--> statement-breakpoint
CREATE UNIQUE INDEX "recognition_decisions_submission_key" ON "recognition_decisions" USING btree ("submission_id");