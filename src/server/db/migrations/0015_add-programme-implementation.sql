CREATE TYPE "public"."benefit_event_kind" AS ENUM('created', 'updated', 'evidence_added', 'evidence_removed', 'signed_off', 'queried', 'answered', 'rejected', 'returned_for_sign_off');--> statement-breakpoint
CREATE TYPE "public"."benefit_status" AS ENUM('recorded', 'awaiting_sign_off', 'queried', 'signed_off', 'rejected');--> statement-breakpoint
CREATE TYPE "public"."box_set_order_status" AS ENUM('ordered', 'dispatched', 'cancelled');--> statement-breakpoint
CREATE TYPE "public"."cash_category" AS ENUM('stock', 'consumables', 'revenue_spend', 'income', 'assets');--> statement-breakpoint
CREATE TYPE "public"."cash_order" AS ENUM('first', 'second');--> statement-breakpoint
CREATE TYPE "public"."house_module_kind" AS ENUM('guide', 'foundation', 'process');--> statement-breakpoint
CREATE TYPE "public"."module_status" AS ENUM('not_started', 'in_progress', 'complete', 'sustaining');--> statement-breakpoint
CREATE TYPE "public"."registration_role" AS ENUM('programme_lead', 'executive_sponsor', 'finance_lead');--> statement-breakpoint
CREATE TYPE "public"."team_setting" AS ENUM('district_nursing', 'community_therapy', 'health_visiting', 'school_nursing', 'rapid_response', 'specialist_nursing', 'community_mental_health', 'ward', 'operating_theatre', 'other');--> statement-breakpoint
ALTER TYPE "public"."stored_file_purpose" ADD VALUE 'benefit_evidence';--> statement-breakpoint
CREATE TABLE "benefit_areas" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"registration_id" uuid NOT NULL,
	"label" text NOT NULL,
	"position" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "benefit_events" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"benefit_id" uuid NOT NULL,
	"actor_user_id" uuid,
	"kind" "benefit_event_kind" NOT NULL,
	"changes" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"comment" text DEFAULT '' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "benefit_evidence" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"benefit_id" uuid NOT NULL,
	"stored_file_id" uuid NOT NULL,
	"added_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "benefits" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"registration_id" uuid NOT NULL,
	"team_id" uuid NOT NULL,
	"house_module_id" uuid,
	"area_id" uuid NOT NULL,
	"title" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"cashable" boolean NOT NULL,
	"cash_category" "cash_category",
	"cash_order" "cash_order",
	"method" text DEFAULT '' NOT NULL,
	"unit" text DEFAULT '' NOT NULL,
	"baseline_pence" bigint,
	"forecast_pence" bigint,
	"realised_pence" bigint,
	"baseline_value" double precision,
	"forecast_value" double precision,
	"realised_value" double precision,
	"baseline_on" date,
	"forecast_on" date,
	"realised_on" date,
	"status" "benefit_status" NOT NULL,
	"recorded_by" uuid,
	"signed_off_by" uuid,
	"signed_off_at" timestamp with time zone,
	"revision" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "benefits_cash_fields" CHECK (("benefits"."cashable" and "benefits"."cash_category" is not null and "benefits"."cash_order" is not null) or (not "benefits"."cashable" and "benefits"."cash_category" is null and "benefits"."cash_order" is null)),
	CONSTRAINT "benefits_pence_range" CHECK (coalesce("benefits"."baseline_pence", 0) between 0 and 100000000000 and coalesce("benefits"."forecast_pence", 0) between 0 and 100000000000 and coalesce("benefits"."realised_pence", 0) between 0 and 100000000000)
);
--> statement-breakpoint
CREATE TABLE "box_set_orders" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"registration_id" uuid NOT NULL,
	"executive_count" integer NOT NULL,
	"team_count" integer NOT NULL,
	"free_executive_count" integer NOT NULL,
	"free_team_count" integer NOT NULL,
	"executive_unit_pence" integer NOT NULL,
	"team_unit_pence" integer NOT NULL,
	"total_pence" integer NOT NULL,
	"delivery_address" text NOT NULL,
	"status" "box_set_order_status" DEFAULT 'ordered' NOT NULL,
	"ordered_by" uuid,
	"ordered_at" timestamp with time zone DEFAULT now() NOT NULL,
	"dispatched_by" uuid,
	"dispatched_at" timestamp with time zone,
	"dispatch_note" text DEFAULT '' NOT NULL,
	CONSTRAINT "box_set_orders_counts" CHECK ("box_set_orders"."executive_count" >= 0 and "box_set_orders"."team_count" >= 0 and "box_set_orders"."executive_count" + "box_set_orders"."team_count" > 0 and "box_set_orders"."free_executive_count" between 0 and "box_set_orders"."executive_count" and "box_set_orders"."free_team_count" between 0 and "box_set_orders"."team_count" and "box_set_orders"."total_pence" >= 0)
);
--> statement-breakpoint
CREATE TABLE "house_modules" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"programme_id" uuid NOT NULL,
	"position" integer NOT NULL,
	"kind" "house_module_kind" NOT NULL,
	"title" text NOT NULL,
	"summary" text DEFAULT '' NOT NULL,
	"typical_weeks" integer DEFAULT 6 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "house_modules_typical_weeks_range" CHECK ("house_modules"."typical_weeks" between 1 and 52)
);
--> statement-breakpoint
CREATE TABLE "implementation_settings" (
	"programme_id" uuid PRIMARY KEY NOT NULL,
	"executive_box_set_pence" integer NOT NULL,
	"team_box_set_pence" integer NOT NULL,
	"national_potential_pence" bigint,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "implementation_settings_prices_not_negative" CHECK ("implementation_settings"."executive_box_set_pence" >= 0 and "implementation_settings"."team_box_set_pence" >= 0)
);
--> statement-breakpoint
CREATE TABLE "implementation_teams" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"registration_id" uuid NOT NULL,
	"name" text NOT NULL,
	"setting" "team_setting" NOT NULL,
	"leader_user_id" uuid,
	"size" integer NOT NULL,
	"started_on" date NOT NULL,
	"revision" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "implementation_teams_size_range" CHECK ("implementation_teams"."size" between 1 and 1000)
);
--> statement-breakpoint
CREATE TABLE "measure_library_items" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"programme_id" uuid NOT NULL,
	"house_module_id" uuid,
	"kind" "measure_kind" NOT NULL,
	"title" text NOT NULL,
	"definition" text DEFAULT '' NOT NULL,
	"unit" text DEFAULT '' NOT NULL,
	"improvement_direction" "improvement_direction" NOT NULL,
	"frequency" "measure_frequency" NOT NULL,
	"position" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "programme_registrations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"programme_id" uuid NOT NULL,
	"organisation_id" uuid NOT NULL,
	"registered_by" uuid,
	"benefits_version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "registration_people" (
	"registration_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"role" "registration_role" NOT NULL,
	"added_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "registration_people_registration_id_user_id_role_pk" PRIMARY KEY("registration_id","user_id","role")
);
--> statement-breakpoint
CREATE TABLE "team_measure_points" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"measure_id" uuid NOT NULL,
	"observed_on" date NOT NULL,
	"value" double precision NOT NULL,
	"note" text DEFAULT '' NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "team_measure_points_value_finite" CHECK ("team_measure_points"."value" not in ('Infinity', '-Infinity', 'NaN'))
);
--> statement-breakpoint
CREATE TABLE "team_measures" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"team_id" uuid NOT NULL,
	"library_item_id" uuid,
	"house_module_id" uuid,
	"kind" "measure_kind" NOT NULL,
	"title" text NOT NULL,
	"definition" text DEFAULT '' NOT NULL,
	"unit" text DEFAULT '' NOT NULL,
	"improvement_direction" "improvement_direction" NOT NULL,
	"frequency" "measure_frequency" NOT NULL,
	"target" double precision,
	"rules" jsonb NOT NULL,
	"on_board" boolean DEFAULT false NOT NULL,
	"board_position" integer DEFAULT 0 NOT NULL,
	"data_version" integer DEFAULT 1 NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "team_module_progress" (
	"team_id" uuid NOT NULL,
	"house_module_id" uuid NOT NULL,
	"status" "module_status" NOT NULL,
	"started_on" date,
	"completed_on" date,
	"sustaining_from" date,
	"notes" text DEFAULT '' NOT NULL,
	"revision" integer DEFAULT 1 NOT NULL,
	"updated_by" uuid,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "team_module_progress_team_id_house_module_id_pk" PRIMARY KEY("team_id","house_module_id")
);
--> statement-breakpoint
ALTER TABLE "benefit_areas" ADD CONSTRAINT "benefit_areas_registration_id_programme_registrations_id_fk" FOREIGN KEY ("registration_id") REFERENCES "public"."programme_registrations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "benefit_events" ADD CONSTRAINT "benefit_events_benefit_id_benefits_id_fk" FOREIGN KEY ("benefit_id") REFERENCES "public"."benefits"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "benefit_events" ADD CONSTRAINT "benefit_events_actor_user_id_users_id_fk" FOREIGN KEY ("actor_user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "benefit_evidence" ADD CONSTRAINT "benefit_evidence_benefit_id_benefits_id_fk" FOREIGN KEY ("benefit_id") REFERENCES "public"."benefits"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "benefit_evidence" ADD CONSTRAINT "benefit_evidence_stored_file_id_stored_files_id_fk" FOREIGN KEY ("stored_file_id") REFERENCES "public"."stored_files"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "benefit_evidence" ADD CONSTRAINT "benefit_evidence_added_by_users_id_fk" FOREIGN KEY ("added_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "benefits" ADD CONSTRAINT "benefits_registration_id_programme_registrations_id_fk" FOREIGN KEY ("registration_id") REFERENCES "public"."programme_registrations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "benefits" ADD CONSTRAINT "benefits_team_id_implementation_teams_id_fk" FOREIGN KEY ("team_id") REFERENCES "public"."implementation_teams"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "benefits" ADD CONSTRAINT "benefits_house_module_id_house_modules_id_fk" FOREIGN KEY ("house_module_id") REFERENCES "public"."house_modules"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "benefits" ADD CONSTRAINT "benefits_area_id_benefit_areas_id_fk" FOREIGN KEY ("area_id") REFERENCES "public"."benefit_areas"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "benefits" ADD CONSTRAINT "benefits_recorded_by_users_id_fk" FOREIGN KEY ("recorded_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "benefits" ADD CONSTRAINT "benefits_signed_off_by_users_id_fk" FOREIGN KEY ("signed_off_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "box_set_orders" ADD CONSTRAINT "box_set_orders_registration_id_programme_registrations_id_fk" FOREIGN KEY ("registration_id") REFERENCES "public"."programme_registrations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "box_set_orders" ADD CONSTRAINT "box_set_orders_ordered_by_users_id_fk" FOREIGN KEY ("ordered_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "box_set_orders" ADD CONSTRAINT "box_set_orders_dispatched_by_users_id_fk" FOREIGN KEY ("dispatched_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "house_modules" ADD CONSTRAINT "house_modules_programme_id_programmes_id_fk" FOREIGN KEY ("programme_id") REFERENCES "public"."programmes"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "implementation_settings" ADD CONSTRAINT "implementation_settings_programme_id_programmes_id_fk" FOREIGN KEY ("programme_id") REFERENCES "public"."programmes"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "implementation_teams" ADD CONSTRAINT "implementation_teams_registration_id_programme_registrations_id_fk" FOREIGN KEY ("registration_id") REFERENCES "public"."programme_registrations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "implementation_teams" ADD CONSTRAINT "implementation_teams_leader_user_id_users_id_fk" FOREIGN KEY ("leader_user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "measure_library_items" ADD CONSTRAINT "measure_library_items_programme_id_programmes_id_fk" FOREIGN KEY ("programme_id") REFERENCES "public"."programmes"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "measure_library_items" ADD CONSTRAINT "measure_library_items_house_module_id_house_modules_id_fk" FOREIGN KEY ("house_module_id") REFERENCES "public"."house_modules"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "programme_registrations" ADD CONSTRAINT "programme_registrations_programme_id_programmes_id_fk" FOREIGN KEY ("programme_id") REFERENCES "public"."programmes"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "programme_registrations" ADD CONSTRAINT "programme_registrations_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "programme_registrations" ADD CONSTRAINT "programme_registrations_registered_by_users_id_fk" FOREIGN KEY ("registered_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "registration_people" ADD CONSTRAINT "registration_people_registration_id_programme_registrations_id_fk" FOREIGN KEY ("registration_id") REFERENCES "public"."programme_registrations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "registration_people" ADD CONSTRAINT "registration_people_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "registration_people" ADD CONSTRAINT "registration_people_added_by_users_id_fk" FOREIGN KEY ("added_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "team_measure_points" ADD CONSTRAINT "team_measure_points_measure_id_team_measures_id_fk" FOREIGN KEY ("measure_id") REFERENCES "public"."team_measures"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "team_measure_points" ADD CONSTRAINT "team_measure_points_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "team_measures" ADD CONSTRAINT "team_measures_team_id_implementation_teams_id_fk" FOREIGN KEY ("team_id") REFERENCES "public"."implementation_teams"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "team_measures" ADD CONSTRAINT "team_measures_library_item_id_measure_library_items_id_fk" FOREIGN KEY ("library_item_id") REFERENCES "public"."measure_library_items"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "team_measures" ADD CONSTRAINT "team_measures_house_module_id_house_modules_id_fk" FOREIGN KEY ("house_module_id") REFERENCES "public"."house_modules"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "team_measures" ADD CONSTRAINT "team_measures_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "team_module_progress" ADD CONSTRAINT "team_module_progress_team_id_implementation_teams_id_fk" FOREIGN KEY ("team_id") REFERENCES "public"."implementation_teams"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "team_module_progress" ADD CONSTRAINT "team_module_progress_house_module_id_house_modules_id_fk" FOREIGN KEY ("house_module_id") REFERENCES "public"."house_modules"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "team_module_progress" ADD CONSTRAINT "team_module_progress_updated_by_users_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "benefit_areas_registration_label_key" ON "benefit_areas" USING btree ("registration_id",lower("label"));--> statement-breakpoint
CREATE INDEX "benefit_events_benefit_idx" ON "benefit_events" USING btree ("benefit_id","created_at");--> statement-breakpoint
CREATE INDEX "benefit_evidence_benefit_idx" ON "benefit_evidence" USING btree ("benefit_id");--> statement-breakpoint
CREATE INDEX "benefits_registration_idx" ON "benefits" USING btree ("registration_id");--> statement-breakpoint
CREATE INDEX "benefits_team_idx" ON "benefits" USING btree ("team_id");--> statement-breakpoint
CREATE INDEX "box_set_orders_registration_idx" ON "box_set_orders" USING btree ("registration_id","ordered_at");--> statement-breakpoint
CREATE INDEX "box_set_orders_status_idx" ON "box_set_orders" USING btree ("status","ordered_at");--> statement-breakpoint
CREATE INDEX "house_modules_programme_position_idx" ON "house_modules" USING btree ("programme_id","position");--> statement-breakpoint
CREATE UNIQUE INDEX "implementation_teams_registration_name_key" ON "implementation_teams" USING btree ("registration_id",lower("name"));--> statement-breakpoint
CREATE INDEX "implementation_teams_leader_idx" ON "implementation_teams" USING btree ("leader_user_id");--> statement-breakpoint
CREATE INDEX "measure_library_items_programme_idx" ON "measure_library_items" USING btree ("programme_id","position");--> statement-breakpoint
CREATE UNIQUE INDEX "programme_registrations_programme_org_key" ON "programme_registrations" USING btree ("programme_id","organisation_id");--> statement-breakpoint
CREATE INDEX "programme_registrations_org_idx" ON "programme_registrations" USING btree ("organisation_id");--> statement-breakpoint
CREATE INDEX "registration_people_user_idx" ON "registration_people" USING btree ("user_id");--> statement-breakpoint
CREATE UNIQUE INDEX "team_measure_points_measure_date_key" ON "team_measure_points" USING btree ("measure_id","observed_on");--> statement-breakpoint
CREATE INDEX "team_measures_team_idx" ON "team_measures" USING btree ("team_id");--> statement-breakpoint
CREATE INDEX "team_module_progress_module_idx" ON "team_module_progress" USING btree ("house_module_id");