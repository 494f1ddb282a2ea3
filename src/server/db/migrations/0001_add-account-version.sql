ALTER TABLE "users" ADD COLUMN "account_version" bigint DEFAULT 1 NOT NULL;--> statement-breakpoint
-- Written by hand (drizzle-kit does not model triggers): keep users.account_version moving whenever anything an
-- account shows changes, so every app instance can tell a cached account is stale with one cheap lookup.
CREATE FUNCTION "bump_own_account_version"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW.account_version := OLD.account_version + 1;
  RETURN NEW;
END
$$;--> statement-breakpoint
CREATE TRIGGER "users_bump_account_version" BEFORE UPDATE ON "users"
  FOR EACH ROW EXECUTE FUNCTION "bump_own_account_version"();--> statement-breakpoint
CREATE FUNCTION "bump_account_version_of_row_user"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP IN ('UPDATE', 'DELETE') THEN
    UPDATE "users" SET "account_version" = "account_version" + 1 WHERE "id" = OLD.user_id;
  END IF;
  IF TG_OP IN ('INSERT', 'UPDATE') THEN
    UPDATE "users" SET "account_version" = "account_version" + 1 WHERE "id" = NEW.user_id;
  END IF;
  RETURN NULL;
END
$$;--> statement-breakpoint
CREATE TRIGGER "user_roles_bump_account_version" AFTER INSERT OR UPDATE OR DELETE ON "user_roles"
  FOR EACH ROW EXECUTE FUNCTION "bump_account_version_of_row_user"();--> statement-breakpoint
CREATE TRIGGER "email_tokens_bump_account_version" AFTER INSERT OR UPDATE ON "email_tokens"
  FOR EACH ROW WHEN (NEW.purpose = 'change_email') EXECUTE FUNCTION "bump_account_version_of_row_user"();--> statement-breakpoint
CREATE FUNCTION "bump_account_versions_of_organisation"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE "users" SET "account_version" = "account_version" + 1
  WHERE "organisation_id" = NEW.id
     OR "id" IN (SELECT "user_id" FROM "user_roles" WHERE "organisation_id" = NEW.id);
  RETURN NULL;
END
$$;--> statement-breakpoint
CREATE TRIGGER "organisations_bump_account_versions" AFTER UPDATE OF "name", "ods_code" ON "organisations"
  FOR EACH ROW EXECUTE FUNCTION "bump_account_versions_of_organisation"();
