ALTER TABLE "enrolments" ADD COLUMN "required_steps_completed" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
CREATE INDEX "users_organisation_name_idx" ON "users" USING btree ("organisation_id",lower("family_name"),lower("given_name"),"id");--> statement-breakpoint
-- Written by hand: count what learners have already completed, as rebuildEnrolmentProgress does
-- (src/server/modules/reports/report-summaries.repository.ts), so existing enrolments start with the right number.
UPDATE "enrolments" e SET "required_steps_completed" = d.done
FROM (
  SELECT sp."enrolment_id", count(*)::int AS done
  FROM "step_progress" sp JOIN "course_steps" s ON s."id" = sp."step_id"
  WHERE sp."status" = 'completed' AND s."required"
  GROUP BY sp."enrolment_id"
) d
WHERE d."enrolment_id" = e."id";
