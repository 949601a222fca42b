CREATE TABLE "unit_shapes" (
	"level" text NOT NULL,
	"at" date NOT NULL,
	"format" text NOT NULL,
	"content_type" text NOT NULL,
	"body" "bytea" NOT NULL,
	"gzip" "bytea" NOT NULL,
	"etag" text NOT NULL,
	CONSTRAINT "unit_shapes_level_at_format_pk" PRIMARY KEY("level","at","format")
);
--> statement-breakpoint
-- Stored shapes hold only while the units they were made from are unchanged: any statement
-- that changes a unit's code, name, level, validity or geometry empties them, in its own
-- transaction (seed, boundary import, unit import, restore alike). They are made again after.
CREATE FUNCTION unit_shapes_clear() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	DELETE FROM unit_shapes;
	RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER unit_shapes_on_units_change
	AFTER INSERT OR DELETE OR UPDATE OF code, name, level, valid_from, valid_to, geometry ON units
	FOR EACH STATEMENT EXECUTE FUNCTION unit_shapes_clear();
--> statement-breakpoint
CREATE TRIGGER unit_shapes_on_units_truncate AFTER TRUNCATE ON units
	FOR EACH STATEMENT EXECUTE FUNCTION unit_shapes_clear();
