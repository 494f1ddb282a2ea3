CREATE TABLE "comment_threads" (
	"run_id" uuid NOT NULL,
	"target_id" uuid NOT NULL,
	"version" bigint DEFAULT 1 NOT NULL,
	CONSTRAINT "comment_threads_run_id_target_id_pk" PRIMARY KEY("run_id","target_id")
);
--> statement-breakpoint
ALTER TABLE "comment_threads" ADD CONSTRAINT "comment_threads_run_id_course_runs_id_fk" FOREIGN KEY ("run_id") REFERENCES "public"."course_runs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
-- Hand-written: every change to a thread's comments moves its version, whichever path made it (posting, editing,
-- likes through like_count, highlights, pins, moderation). A deleted comment only bumps an existing row: inserting one
-- while its run is being deleted would break the foreign key.
CREATE FUNCTION "bump_comment_thread_version"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    UPDATE "comment_threads" SET "version" = "version" + 1
      WHERE "run_id" = OLD."run_id" AND "target_id" = coalesce(OLD."step_id", OLD."topic_id");
    RETURN NULL;
  END IF;
  INSERT INTO "comment_threads" ("run_id", "target_id", "version")
    VALUES (NEW."run_id", coalesce(NEW."step_id", NEW."topic_id"), 1)
    ON CONFLICT ("run_id", "target_id") DO UPDATE SET "version" = "comment_threads"."version" + 1;
  RETURN NULL;
END;
$$;--> statement-breakpoint
CREATE TRIGGER "comments_bump_thread_version" AFTER INSERT OR UPDATE OR DELETE ON "comments"
  FOR EACH ROW EXECUTE FUNCTION "bump_comment_thread_version"();--> statement-breakpoint
-- Who facilitates a run shows on every comment of it ("Facilitator"): a change moves all the run's threads.
CREATE FUNCTION "bump_run_thread_versions"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    UPDATE "comment_threads" SET "version" = "version" + 1 WHERE "run_id" = OLD."run_id";
  ELSE
    UPDATE "comment_threads" SET "version" = "version" + 1 WHERE "run_id" = NEW."run_id";
  END IF;
  RETURN NULL;
END;
$$;--> statement-breakpoint
CREATE TRIGGER "run_facilitators_bump_thread_versions" AFTER INSERT OR DELETE ON "run_facilitators"
  FOR EACH ROW EXECUTE FUNCTION "bump_run_thread_versions"();
