CREATE TYPE "public"."stored_file_purpose" AS ENUM('course_content', 'portfolio_evidence');--> statement-breakpoint
ALTER TABLE "stored_files" ADD COLUMN "purpose" "stored_file_purpose" DEFAULT 'course_content' NOT NULL;--> statement-breakpoint
UPDATE "stored_files" SET "purpose" = 'portfolio_evidence' WHERE "id" IN (SELECT "file_id" FROM "evidence_items" WHERE "file_id" IS NOT NULL);
