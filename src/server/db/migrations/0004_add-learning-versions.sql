CREATE TABLE "catalogue_version" (
	"id" integer PRIMARY KEY DEFAULT 1 NOT NULL,
	"version" bigint DEFAULT 1 NOT NULL,
	CONSTRAINT "catalogue_version_single_row" CHECK ("catalogue_version"."id" = 1)
);
--> statement-breakpoint
CREATE TABLE "learner_versions" (
	"user_id" uuid PRIMARY KEY NOT NULL,
	"version" bigint DEFAULT 1 NOT NULL
);
--> statement-breakpoint
ALTER TABLE "learner_versions" ADD CONSTRAINT "learner_versions_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
-- Written by hand (drizzle-kit does not model triggers): move the versions whenever what My learning shows changes,
-- so every app instance can tell a cached My learning is stale from the session check alone (docs/decisions/0007).
INSERT INTO "catalogue_version" ("id", "version") VALUES (1, 1);--> statement-breakpoint
CREATE FUNCTION "bump_learner_version"(learner uuid) RETURNS void LANGUAGE sql AS $$
  INSERT INTO "learner_versions" ("user_id", "version") VALUES (learner, 2)
  ON CONFLICT ("user_id") DO UPDATE SET "version" = "learner_versions"."version" + 1;
$$;--> statement-breakpoint
CREATE FUNCTION "bump_learner_version_of_enrolment"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP IN ('UPDATE', 'DELETE') THEN PERFORM "bump_learner_version"(OLD.user_id); END IF;
  IF TG_OP IN ('INSERT', 'UPDATE') AND (TG_OP = 'INSERT' OR NEW.user_id IS DISTINCT FROM OLD.user_id) THEN
    PERFORM "bump_learner_version"(NEW.user_id);
  END IF;
  RETURN NULL;
END
$$;--> statement-breakpoint
CREATE TRIGGER "enrolments_bump_learner_version" AFTER INSERT OR UPDATE OR DELETE ON "enrolments"
  FOR EACH ROW EXECUTE FUNCTION "bump_learner_version_of_enrolment"();--> statement-breakpoint
CREATE FUNCTION "bump_learner_version_of_progress"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM "bump_learner_version"(e.user_id) FROM "enrolments" e
  WHERE e.id = CASE WHEN TG_OP = 'DELETE' THEN OLD.enrolment_id ELSE NEW.enrolment_id END;
  RETURN NULL;
END
$$;--> statement-breakpoint
CREATE TRIGGER "step_progress_bump_learner_version" AFTER INSERT OR UPDATE OR DELETE ON "step_progress"
  FOR EACH ROW EXECUTE FUNCTION "bump_learner_version_of_progress"();--> statement-breakpoint
CREATE FUNCTION "bump_catalogue_version"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE "catalogue_version" SET "version" = "version" + 1 WHERE "id" = 1;
  RETURN NULL;
END
$$;--> statement-breakpoint
CREATE TRIGGER "programmes_bump_catalogue_version" AFTER INSERT OR UPDATE OR DELETE ON "programmes"
  FOR EACH STATEMENT EXECUTE FUNCTION "bump_catalogue_version"();--> statement-breakpoint
CREATE TRIGGER "courses_bump_catalogue_version" AFTER INSERT OR UPDATE OR DELETE ON "courses"
  FOR EACH STATEMENT EXECUTE FUNCTION "bump_catalogue_version"();--> statement-breakpoint
CREATE TRIGGER "course_modules_bump_catalogue_version" AFTER INSERT OR UPDATE OR DELETE ON "course_modules"
  FOR EACH STATEMENT EXECUTE FUNCTION "bump_catalogue_version"();--> statement-breakpoint
CREATE TRIGGER "course_steps_bump_catalogue_version" AFTER INSERT OR UPDATE OR DELETE ON "course_steps"
  FOR EACH STATEMENT EXECUTE FUNCTION "bump_catalogue_version"();
