-- Written by hand (drizzle-kit does not model triggers): move programme_registrations.benefits_version whenever
-- anything the benefits summary shows changes, in the same transaction and from whichever code path or instance
-- writes, so a summary cached at a version is never served stale (like the discussion threads of decision 0020).
-- Benefits, areas, teams and evidence use statement-level triggers over transition tables: a bulk insert of
-- 20,000 benefits moves each registration's version once, not 20,000 times.
CREATE FUNCTION "bump_benefits_version_of_rows"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    UPDATE "programme_registrations" SET "benefits_version" = "benefits_version" + 1
      WHERE "id" IN (SELECT DISTINCT "registration_id" FROM new_rows);
  ELSIF TG_OP = 'UPDATE' THEN
    UPDATE "programme_registrations" SET "benefits_version" = "benefits_version" + 1
      WHERE "id" IN (SELECT "registration_id" FROM new_rows UNION SELECT "registration_id" FROM old_rows);
  ELSE
    UPDATE "programme_registrations" SET "benefits_version" = "benefits_version" + 1
      WHERE "id" IN (SELECT DISTINCT "registration_id" FROM old_rows);
  END IF;
  RETURN NULL;
END
$$;--> statement-breakpoint
CREATE TRIGGER "benefits_bump_benefits_version_insert" AFTER INSERT ON "benefits"
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "bump_benefits_version_of_rows"();--> statement-breakpoint
CREATE TRIGGER "benefits_bump_benefits_version_update" AFTER UPDATE ON "benefits"
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT
  EXECUTE FUNCTION "bump_benefits_version_of_rows"();--> statement-breakpoint
CREATE TRIGGER "benefits_bump_benefits_version_delete" AFTER DELETE ON "benefits"
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION "bump_benefits_version_of_rows"();--> statement-breakpoint
CREATE TRIGGER "benefit_areas_bump_benefits_version_insert" AFTER INSERT ON "benefit_areas"
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "bump_benefits_version_of_rows"();--> statement-breakpoint
CREATE TRIGGER "benefit_areas_bump_benefits_version_update" AFTER UPDATE ON "benefit_areas"
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT
  EXECUTE FUNCTION "bump_benefits_version_of_rows"();--> statement-breakpoint
CREATE TRIGGER "benefit_areas_bump_benefits_version_delete" AFTER DELETE ON "benefit_areas"
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION "bump_benefits_version_of_rows"();--> statement-breakpoint
CREATE TRIGGER "implementation_teams_bump_benefits_version_insert" AFTER INSERT ON "implementation_teams"
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "bump_benefits_version_of_rows"();--> statement-breakpoint
CREATE TRIGGER "implementation_teams_bump_benefits_version_update" AFTER UPDATE ON "implementation_teams"
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT
  EXECUTE FUNCTION "bump_benefits_version_of_rows"();--> statement-breakpoint
CREATE TRIGGER "implementation_teams_bump_benefits_version_delete" AFTER DELETE ON "implementation_teams"
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION "bump_benefits_version_of_rows"();--> statement-breakpoint
-- Evidence belongs to a benefit: its registration is the benefit's. A benefit deleted with its evidence has already
-- moved the version through the benefits trigger.
CREATE FUNCTION "bump_benefits_version_of_evidence"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    UPDATE "programme_registrations" SET "benefits_version" = "benefits_version" + 1
      WHERE "id" IN (SELECT b."registration_id" FROM "benefits" b WHERE b."id" IN (SELECT "benefit_id" FROM new_rows));
  ELSIF TG_OP = 'UPDATE' THEN
    UPDATE "programme_registrations" SET "benefits_version" = "benefits_version" + 1
      WHERE "id" IN (SELECT b."registration_id" FROM "benefits" b
        WHERE b."id" IN (SELECT "benefit_id" FROM new_rows UNION SELECT "benefit_id" FROM old_rows));
  ELSE
    UPDATE "programme_registrations" SET "benefits_version" = "benefits_version" + 1
      WHERE "id" IN (SELECT b."registration_id" FROM "benefits" b WHERE b."id" IN (SELECT "benefit_id" FROM old_rows));
  END IF;
  RETURN NULL;
END
$$;--> statement-breakpoint
CREATE TRIGGER "benefit_evidence_bump_benefits_version_insert" AFTER INSERT ON "benefit_evidence"
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "bump_benefits_version_of_evidence"();--> statement-breakpoint
CREATE TRIGGER "benefit_evidence_bump_benefits_version_update" AFTER UPDATE ON "benefit_evidence"
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT
  EXECUTE FUNCTION "bump_benefits_version_of_evidence"();--> statement-breakpoint
CREATE TRIGGER "benefit_evidence_bump_benefits_version_delete" AFTER DELETE ON "benefit_evidence"
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION "bump_benefits_version_of_evidence"();--> statement-breakpoint
-- The summary names and orders modules: a module added, removed, renamed or moved moves the version of every
-- registration on its programme. Content editors change the house rarely, so a row-level trigger is enough.
CREATE FUNCTION "bump_benefits_version_of_house_module"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE "programme_registrations" SET "benefits_version" = "benefits_version" + 1
    WHERE "programme_id" IN (
      CASE WHEN TG_OP IN ('UPDATE', 'DELETE') THEN OLD."programme_id" END,
      CASE WHEN TG_OP IN ('INSERT', 'UPDATE') THEN NEW."programme_id" END);
  RETURN NULL;
END
$$;--> statement-breakpoint
CREATE TRIGGER "house_modules_bump_benefits_version_insert_delete" AFTER INSERT OR DELETE ON "house_modules"
  FOR EACH ROW EXECUTE FUNCTION "bump_benefits_version_of_house_module"();--> statement-breakpoint
CREATE TRIGGER "house_modules_bump_benefits_version_update" AFTER UPDATE ON "house_modules"
  FOR EACH ROW WHEN (OLD."title" IS DISTINCT FROM NEW."title" OR OLD."position" IS DISTINCT FROM NEW."position"
    OR OLD."programme_id" IS DISTINCT FROM NEW."programme_id")
  EXECUTE FUNCTION "bump_benefits_version_of_house_module"();
