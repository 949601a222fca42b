CREATE TABLE "signin_buckets" (
	"bucket" text PRIMARY KEY NOT NULL,
	"failures" integer NOT NULL,
	"first_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE INDEX "signin_buckets_last_at" ON "signin_buckets" USING btree ("last_at");