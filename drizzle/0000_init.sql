CREATE TABLE "audit_log" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	"user_id" integer,
	"actor" text NOT NULL,
	"action" text NOT NULL,
	"unit_id" integer,
	"month" date,
	"measure_code" text,
	"old_value" bigint,
	"new_value" bigint,
	"batch_id" integer,
	"detail" jsonb
);
--> statement-breakpoint
CREATE TABLE "import_batches" (
	"id" serial PRIMARY KEY NOT NULL,
	"source" text NOT NULL,
	"file_name" text,
	"sha256" text,
	"user_id" integer,
	"actor" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"inserted" integer DEFAULT 0 NOT NULL,
	"updated" integer DEFAULT 0 NOT NULL,
	"unchanged" integer DEFAULT 0 NOT NULL,
	"note" text
);
--> statement-breakpoint
CREATE TABLE "lineage" (
	"id" serial PRIMARY KEY NOT NULL,
	"from_unit_id" integer NOT NULL,
	"to_unit_id" integer NOT NULL,
	"effective" date NOT NULL,
	"relation" text NOT NULL,
	"share" double precision DEFAULT 1 NOT NULL,
	"legal_basis" text,
	CONSTRAINT "lineage_share" CHECK ("lineage"."share" > 0 and "lineage"."share" <= 1)
);
--> statement-breakpoint
CREATE TABLE "measures" (
	"code" text PRIMARY KEY NOT NULL,
	"name_vi" text NOT NULL,
	"name_en" text NOT NULL,
	"kind" text NOT NULL,
	"part_of" text,
	"position" smallint NOT NULL
);
--> statement-breakpoint
CREATE TABLE "monthly_facts" (
	"unit_id" integer NOT NULL,
	"month" date NOT NULL,
	"dossiers_received" bigint,
	"dossiers_received_online" bigint,
	"dossiers_resolved" bigint,
	"dossiers_resolved_on_time" bigint,
	"dossiers_digitized" bigint,
	"payments_total" bigint,
	"payments_online" bigint,
	"survey_responses" bigint,
	"survey_satisfied" bigint,
	"dossiers_pending" bigint,
	"dossiers_pending_overdue" bigint,
	"procedures_total" bigint,
	"procedures_published" bigint,
	"staff_total" bigint,
	"staff_digital_trained" bigint,
	"computers" bigint,
	"villages_total" bigint,
	"villages_4g" bigint,
	"villages_fiber" bigint,
	"one_stop_shop_standard" bigint,
	"population" bigint,
	CONSTRAINT "monthly_facts_unit_id_month_pk" PRIMARY KEY("unit_id","month")
);
--> statement-breakpoint
CREATE TABLE "observations" (
	"unit_id" integer NOT NULL,
	"month" date NOT NULL,
	"measure_code" text NOT NULL,
	"value" bigint NOT NULL,
	"batch_id" integer NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "observations_unit_id_month_measure_code_pk" PRIMARY KEY("unit_id","month","measure_code"),
	CONSTRAINT "observations_value" CHECK ("observations"."value" >= 0),
	CONSTRAINT "observations_month" CHECK (extract(day from "observations"."month") = 1)
);
--> statement-breakpoint
CREATE TABLE "roles" (
	"code" text PRIMARY KEY NOT NULL,
	"name_vi" text NOT NULL,
	"name_en" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "sessions" (
	"token_hash" text PRIMARY KEY NOT NULL,
	"user_id" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_seen_at" timestamp with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "settings" (
	"key" text PRIMARY KEY NOT NULL,
	"value" jsonb NOT NULL
);
--> statement-breakpoint
CREATE TABLE "targets" (
	"id" serial PRIMARY KEY NOT NULL,
	"indicator_code" text NOT NULL,
	"year" smallint NOT NULL,
	"unit_id" integer,
	"value" double precision NOT NULL
);
--> statement-breakpoint
CREATE TABLE "units" (
	"id" serial PRIMARY KEY NOT NULL,
	"code" text NOT NULL,
	"name" text NOT NULL,
	"short_name" text NOT NULL,
	"type" text NOT NULL,
	"level" text NOT NULL,
	"parent_id" integer,
	"district_id" integer,
	"province_id" integer,
	"valid_from" date,
	"valid_to" date,
	"lon" double precision,
	"lat" double precision,
	"area_km2" double precision,
	"population" integer,
	"geometry" jsonb,
	"geometry_source" text,
	"search_name" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "users" (
	"id" serial PRIMARY KEY NOT NULL,
	"email" text NOT NULL,
	"display_name" text NOT NULL,
	"password_hash" text NOT NULL,
	"role" text NOT NULL,
	"unit_code" text,
	"disabled" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "users_email_unique" UNIQUE("email")
);
--> statement-breakpoint
ALTER TABLE "lineage" ADD CONSTRAINT "lineage_from_unit_id_units_id_fk" FOREIGN KEY ("from_unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "lineage" ADD CONSTRAINT "lineage_to_unit_id_units_id_fk" FOREIGN KEY ("to_unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "observations" ADD CONSTRAINT "observations_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "observations" ADD CONSTRAINT "observations_measure_code_measures_code_fk" FOREIGN KEY ("measure_code") REFERENCES "public"."measures"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "observations" ADD CONSTRAINT "observations_batch_id_import_batches_id_fk" FOREIGN KEY ("batch_id") REFERENCES "public"."import_batches"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sessions" ADD CONSTRAINT "sessions_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "targets" ADD CONSTRAINT "targets_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "users" ADD CONSTRAINT "users_role_roles_code_fk" FOREIGN KEY ("role") REFERENCES "public"."roles"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "audit_figure" ON "audit_log" USING btree ("unit_id","month","measure_code");--> statement-breakpoint
CREATE UNIQUE INDEX "lineage_from_to" ON "lineage" USING btree ("from_unit_id","to_unit_id");--> statement-breakpoint
CREATE INDEX "lineage_to" ON "lineage" USING btree ("to_unit_id");--> statement-breakpoint
CREATE INDEX "monthly_facts_month" ON "monthly_facts" USING btree ("month");--> statement-breakpoint
CREATE INDEX "sessions_user" ON "sessions" USING btree ("user_id");--> statement-breakpoint
CREATE UNIQUE INDEX "targets_key" ON "targets" USING btree ("indicator_code","year",coalesce("unit_id", 0));--> statement-breakpoint
CREATE UNIQUE INDEX "units_code_valid_from" ON "units" USING btree ("code",coalesce("valid_from", '0001-01-01'));--> statement-breakpoint
CREATE INDEX "units_parent" ON "units" USING btree ("parent_id");--> statement-breakpoint
CREATE INDEX "units_level" ON "units" USING btree ("level");