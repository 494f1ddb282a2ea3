-- Written by hand: Drizzle cannot express INCLUDE. A learner's enrolments with every column the reports read, so
-- the funnel, the teams view and the progress report's filters are answered from the index alone for the learners
-- in scope (docs/decisions/0014). Not in the Drizzle schema, so drizzle-kit neither creates nor drops it.
CREATE INDEX "enrolments_user_report_idx" ON "enrolments" USING btree ("user_id")
  INCLUDE ("course_id", "state", "expires_at", "completed_at", "last_activity_at", "created_at", "required_steps_completed");
