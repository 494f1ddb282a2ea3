ALTER TABLE "team_measures" ADD COLUMN "baseline_end_on" date;--> statement-breakpoint
ALTER TABLE "team_measures" ADD COLUMN "rebase_on" jsonb DEFAULT '[]'::jsonb NOT NULL;