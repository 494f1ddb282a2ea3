ALTER TYPE "public"."step_kind" ADD VALUE 'scorm';--> statement-breakpoint
CREATE TABLE "scorm_attempts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"attempt_id" uuid NOT NULL,
	"attempt_number" integer NOT NULL,
	"enrolment_id" uuid NOT NULL,
	"step_id" uuid NOT NULL,
	"package_id" uuid NOT NULL,
	"sco_id" uuid NOT NULL,
	"cmi" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"last_sequence" integer DEFAULT 0 NOT NULL,
	"completion_status" text DEFAULT 'not attempted' NOT NULL,
	"success_status" text DEFAULT 'unknown' NOT NULL,
	"score_raw" double precision,
	"score_min" double precision,
	"score_max" double precision,
	"score_scaled" double precision,
	"total_time_seconds" double precision DEFAULT 0 NOT NULL,
	"suspended" boolean DEFAULT false NOT NULL,
	"finished_at" timestamp with time zone,
	"reset_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "scorm_attempts_attempt_sco_key" UNIQUE("attempt_id","sco_id"),
	CONSTRAINT "scorm_attempts_number_sco_key" UNIQUE("enrolment_id","step_id","attempt_number","sco_id"),
	CONSTRAINT "scorm_attempts_completion_known" CHECK ("scorm_attempts"."completion_status" in ('completed', 'incomplete', 'not attempted', 'unknown')),
	CONSTRAINT "scorm_attempts_success_known" CHECK ("scorm_attempts"."success_status" in ('passed', 'failed', 'unknown'))
);
--> statement-breakpoint
CREATE TABLE "scorm_imports" (
	"id" uuid PRIMARY KEY NOT NULL,
	"user_id" uuid NOT NULL,
	"stages" jsonb NOT NULL,
	"package_id" uuid,
	"error" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "scorm_package_files" (
	"package_id" uuid NOT NULL,
	"path" text NOT NULL,
	"content_type" text NOT NULL,
	"size_bytes" integer NOT NULL,
	"sha256" text NOT NULL,
	"content" "bytea" NOT NULL,
	CONSTRAINT "scorm_package_files_package_id_path_pk" PRIMARY KEY("package_id","path")
);
--> statement-breakpoint
CREATE TABLE "scorm_packages" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"lineage_id" uuid NOT NULL,
	"version" integer NOT NULL,
	"scorm_version" text NOT NULL,
	"title" text NOT NULL,
	"organisation_title" text NOT NULL,
	"items" jsonb NOT NULL,
	"raw_manifest" jsonb NOT NULL,
	"warnings" jsonb NOT NULL,
	"file_count" integer NOT NULL,
	"size_bytes" bigint NOT NULL,
	"uploaded_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "scorm_packages_lineage_version_key" UNIQUE("lineage_id","version"),
	CONSTRAINT "scorm_packages_scorm_version_known" CHECK ("scorm_packages"."scorm_version" in ('1.2', '2004-2nd', '2004-3rd', '2004-4th')),
	CONSTRAINT "scorm_packages_version_positive" CHECK ("scorm_packages"."version" > 0)
);
--> statement-breakpoint
CREATE TABLE "scorm_scos" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"package_id" uuid NOT NULL,
	"identifier" text NOT NULL,
	"position" integer NOT NULL,
	"title" text NOT NULL,
	"launch_href" text NOT NULL,
	"mastery_score" double precision,
	"completion_threshold" double precision,
	"scaled_passing_score" double precision,
	"launch_data" text,
	"max_time_allowed" text,
	"time_limit_action" text,
	"is_visible" boolean DEFAULT true NOT NULL,
	CONSTRAINT "scorm_scos_package_identifier_key" UNIQUE("package_id","identifier")
);
--> statement-breakpoint
ALTER TABLE "course_steps" ADD COLUMN "scorm_package_id" uuid;--> statement-breakpoint
ALTER TABLE "scorm_attempts" ADD CONSTRAINT "scorm_attempts_enrolment_id_enrolments_id_fk" FOREIGN KEY ("enrolment_id") REFERENCES "public"."enrolments"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "scorm_attempts" ADD CONSTRAINT "scorm_attempts_step_id_course_steps_id_fk" FOREIGN KEY ("step_id") REFERENCES "public"."course_steps"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "scorm_attempts" ADD CONSTRAINT "scorm_attempts_package_id_scorm_packages_id_fk" FOREIGN KEY ("package_id") REFERENCES "public"."scorm_packages"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "scorm_attempts" ADD CONSTRAINT "scorm_attempts_sco_id_scorm_scos_id_fk" FOREIGN KEY ("sco_id") REFERENCES "public"."scorm_scos"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "scorm_imports" ADD CONSTRAINT "scorm_imports_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "scorm_imports" ADD CONSTRAINT "scorm_imports_package_id_scorm_packages_id_fk" FOREIGN KEY ("package_id") REFERENCES "public"."scorm_packages"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "scorm_package_files" ADD CONSTRAINT "scorm_package_files_package_id_scorm_packages_id_fk" FOREIGN KEY ("package_id") REFERENCES "public"."scorm_packages"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "scorm_packages" ADD CONSTRAINT "scorm_packages_uploaded_by_users_id_fk" FOREIGN KEY ("uploaded_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "scorm_scos" ADD CONSTRAINT "scorm_scos_package_id_scorm_packages_id_fk" FOREIGN KEY ("package_id") REFERENCES "public"."scorm_packages"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "course_steps" ADD CONSTRAINT "course_steps_scorm_package_id_scorm_packages_id_fk" FOREIGN KEY ("scorm_package_id") REFERENCES "public"."scorm_packages"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "course_steps_scorm_package_idx" ON "course_steps" USING btree ("scorm_package_id");