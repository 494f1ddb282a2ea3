CREATE TYPE "public"."course_level" AS ENUM('introductory', 'accredited_introduction', 'foundation', 'practitioner', 'facilitator', 'programme_manager', 'module', 'mini_course');--> statement-breakpoint
CREATE TYPE "public"."course_status" AS ENUM('draft', 'published', 'archived');--> statement-breakpoint
CREATE TYPE "public"."programme_kind" AS ENUM('productive_series', 'improvement_fundamentals');--> statement-breakpoint
CREATE TABLE "course_modules" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"course_id" uuid NOT NULL,
	"position" integer NOT NULL,
	"title" text NOT NULL,
	"summary" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "courses" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"programme_id" uuid NOT NULL,
	"slug" text NOT NULL,
	"title" text NOT NULL,
	"level" "course_level" NOT NULL,
	"summary" text NOT NULL,
	"who_for" text NOT NULL,
	"outcomes" jsonb NOT NULL,
	"prerequisites" text,
	"list_price_ex_vat_pence" integer NOT NULL,
	"price_is_indicative" boolean DEFAULT false NOT NULL,
	"access_months" integer NOT NULL,
	"cpd_points" integer NOT NULL,
	"status" "course_status" DEFAULT 'draft' NOT NULL,
	"position" integer NOT NULL,
	"search_vector" "tsvector" GENERATED ALWAYS AS (setweight(to_tsvector('english', title), 'A') || setweight(to_tsvector('english', summary), 'B') || setweight(to_tsvector('english', who_for), 'C') || setweight(jsonb_to_tsvector('english', outcomes, '["string"]'), 'C')) STORED,
	"published_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "courses_price_not_negative" CHECK ("courses"."list_price_ex_vat_pence" >= 0),
	CONSTRAINT "courses_access_months_positive" CHECK ("courses"."access_months" > 0),
	CONSTRAINT "courses_cpd_points_not_negative" CHECK ("courses"."cpd_points" >= 0)
);
--> statement-breakpoint
CREATE TABLE "programmes" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"slug" text NOT NULL,
	"title" text NOT NULL,
	"summary" text NOT NULL,
	"kind" "programme_kind" NOT NULL,
	"position" integer NOT NULL,
	"search_vector" "tsvector" GENERATED ALWAYS AS (setweight(to_tsvector('english', title), 'A') || setweight(to_tsvector('english', summary), 'C')) STORED,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "course_modules" ADD CONSTRAINT "course_modules_course_id_courses_id_fk" FOREIGN KEY ("course_id") REFERENCES "public"."courses"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "courses" ADD CONSTRAINT "courses_programme_id_programmes_id_fk" FOREIGN KEY ("programme_id") REFERENCES "public"."programmes"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "course_modules_course_position_idx" ON "course_modules" USING btree ("course_id","position");--> statement-breakpoint
CREATE UNIQUE INDEX "courses_slug_key" ON "courses" USING btree ("slug");--> statement-breakpoint
CREATE INDEX "courses_programme_position_idx" ON "courses" USING btree ("programme_id","position");--> statement-breakpoint
CREATE INDEX "courses_search_idx" ON "courses" USING gin ("search_vector");--> statement-breakpoint
CREATE UNIQUE INDEX "programmes_slug_key" ON "programmes" USING btree ("slug");--> statement-breakpoint
CREATE INDEX "programmes_search_idx" ON "programmes" USING gin ("search_vector");