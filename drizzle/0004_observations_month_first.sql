ALTER TABLE "observations" DROP CONSTRAINT "observations_unit_id_units_id_fk";
--> statement-breakpoint
ALTER TABLE "observations" DROP CONSTRAINT "observations_measure_code_measures_code_fk";
--> statement-breakpoint
ALTER TABLE "observations" DROP CONSTRAINT "observations_batch_id_import_batches_id_fk";
--> statement-breakpoint
ALTER TABLE "observations" DROP CONSTRAINT "observations_unit_id_month_measure_code_pk";--> statement-breakpoint
ALTER TABLE "observations" ADD CONSTRAINT "observations_month_unit_id_measure_code_pk" PRIMARY KEY("month","unit_id","measure_code");--> statement-breakpoint
-- What the dropped foreign keys guarded on the other side: a unit, measure or batch that figures
-- point at is never deleted or renumbered. (Units are retired with valid_to, batches are history.)
-- monthly_facts mirrors observations per unit-month in every writing transaction and is keyed by
-- unit, so the units check is an index probe.
CREATE FUNCTION observations_refuse_orphans() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	-- Nested IFs: PL/pgSQL plans a whole condition, and OLD has other fields in each table.
	IF TG_TABLE_NAME = 'units' THEN
		IF EXISTS (SELECT 1 FROM monthly_facts WHERE unit_id = OLD.id) THEN
			RAISE EXCEPTION 'unit % has figures: units are retired with valid_to, never deleted', OLD.code;
		END IF;
	ELSIF TG_TABLE_NAME = 'measures' THEN
		IF EXISTS (SELECT 1 FROM observations WHERE measure_code = OLD.code) THEN
			RAISE EXCEPTION 'measure % has figures and cannot be removed', OLD.code;
		END IF;
	ELSIF TG_TABLE_NAME = 'import_batches' THEN
		IF EXISTS (SELECT 1 FROM observations WHERE batch_id = OLD.id) THEN
			RAISE EXCEPTION 'batch % wrote figures that are still current: it is history, not removable', OLD.id;
		END IF;
	END IF;
	RETURN OLD;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER units_keep_figures BEFORE DELETE OR UPDATE OF id ON units
	FOR EACH ROW EXECUTE FUNCTION observations_refuse_orphans();
--> statement-breakpoint
CREATE TRIGGER measures_keep_figures BEFORE DELETE OR UPDATE OF code ON measures
	FOR EACH ROW EXECUTE FUNCTION observations_refuse_orphans();
--> statement-breakpoint
CREATE TRIGGER import_batches_keep_figures BEFORE DELETE OR UPDATE OF id ON import_batches
	FOR EACH ROW EXECUTE FUNCTION observations_refuse_orphans();
