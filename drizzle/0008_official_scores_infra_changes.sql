CREATE TABLE "infra_changes" (
	"id" serial PRIMARY KEY NOT NULL,
	"unit_id" integer NOT NULL,
	"item" text NOT NULL,
	"state" text NOT NULL,
	"changed_on" date NOT NULL,
	"confirmed_by" text NOT NULL,
	"note" text,
	"evidence" "bytea" NOT NULL,
	"evidence_type" text NOT NULL,
	"evidence_name" text NOT NULL,
	"evidence_size" integer NOT NULL,
	"user_id" integer,
	"actor" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "official_scores" (
	"id" serial PRIMARY KEY NOT NULL,
	"unit_id" integer NOT NULL,
	"period" text NOT NULL,
	"online_uptake" double precision,
	"on_time_rate" double precision,
	"digitization_rate" double precision,
	"online_payment_rate" double precision,
	"satisfaction_rate" double precision,
	"transparency_rate" double precision,
	"total" double precision NOT NULL,
	"published_on" date,
	"source" text NOT NULL,
	"user_id" integer,
	"actor" text NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "official_scores_total" CHECK ("official_scores"."total" between 0 and 100)
);
--> statement-breakpoint
ALTER TABLE "infra_changes" ADD CONSTRAINT "infra_changes_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "official_scores" ADD CONSTRAINT "official_scores_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "infra_changes_unit" ON "infra_changes" USING btree ("unit_id","item","changed_on");--> statement-breakpoint
CREATE UNIQUE INDEX "official_scores_key" ON "official_scores" USING btree ("unit_id","period");--> statement-breakpoint
CREATE INDEX "official_scores_period" ON "official_scores" USING btree ("period");