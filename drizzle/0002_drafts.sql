CREATE TABLE "draft_figures" (
	"draft_id" integer NOT NULL,
	"measure_code" text NOT NULL,
	"value" bigint NOT NULL,
	CONSTRAINT "draft_figures_draft_id_measure_code_pk" PRIMARY KEY("draft_id","measure_code"),
	CONSTRAINT "draft_figures_value" CHECK ("draft_figures"."value" >= 0)
);
--> statement-breakpoint
CREATE TABLE "drafts" (
	"id" serial PRIMARY KEY NOT NULL,
	"unit_id" integer NOT NULL,
	"month" date NOT NULL,
	"status" text NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"source" text NOT NULL,
	"file_name" text,
	"sha256" text,
	"created_by" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_by" integer NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"submitted_by" integer,
	"submitted_at" timestamp with time zone,
	"reviewed_by" integer,
	"reviewed_at" timestamp with time zone,
	"comment" text,
	"batch_id" integer,
	CONSTRAINT "drafts_month" CHECK (extract(day from "drafts"."month") = 1),
	CONSTRAINT "drafts_status" CHECK ("drafts"."status" in ('draft', 'submitted', 'returned', 'approved', 'discarded'))
);
--> statement-breakpoint
ALTER TABLE "draft_figures" ADD CONSTRAINT "draft_figures_draft_id_drafts_id_fk" FOREIGN KEY ("draft_id") REFERENCES "public"."drafts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "draft_figures" ADD CONSTRAINT "draft_figures_measure_code_measures_code_fk" FOREIGN KEY ("measure_code") REFERENCES "public"."measures"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "drafts" ADD CONSTRAINT "drafts_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "drafts" ADD CONSTRAINT "drafts_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "drafts" ADD CONSTRAINT "drafts_updated_by_users_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "drafts" ADD CONSTRAINT "drafts_submitted_by_users_id_fk" FOREIGN KEY ("submitted_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "drafts" ADD CONSTRAINT "drafts_reviewed_by_users_id_fk" FOREIGN KEY ("reviewed_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "drafts" ADD CONSTRAINT "drafts_batch_id_import_batches_id_fk" FOREIGN KEY ("batch_id") REFERENCES "public"."import_batches"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "drafts_open" ON "drafts" USING btree ("unit_id","month") WHERE "drafts"."status" in ('draft', 'submitted', 'returned');--> statement-breakpoint
CREATE INDEX "drafts_unit_month" ON "drafts" USING btree ("unit_id","month");--> statement-breakpoint
CREATE INDEX "drafts_status" ON "drafts" USING btree ("status");--> statement-breakpoint
CREATE INDEX "audit_action_at" ON "audit_log" USING btree ("action","at");