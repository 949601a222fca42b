-- A counter that changes with every statement that changes what an import reads of the units
-- (codes, names, levels, validity) or of the lineage: an import keeps the units it read and
-- reads them again only when it has moved (src/lib/server/services/import/units.ts).
CREATE FUNCTION units_version_bump() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	INSERT INTO settings (key, value) VALUES ('units_version', '1'::jsonb)
	ON CONFLICT (key) DO UPDATE SET value = to_jsonb((settings.value #>> '{}')::bigint + 1);
	RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER units_version_on_change
	AFTER INSERT OR DELETE OR UPDATE OF id, code, name, level, valid_from, valid_to ON units
	FOR EACH STATEMENT EXECUTE FUNCTION units_version_bump();
--> statement-breakpoint
CREATE TRIGGER units_version_on_truncate AFTER TRUNCATE ON units
	FOR EACH STATEMENT EXECUTE FUNCTION units_version_bump();
--> statement-breakpoint
CREATE TRIGGER lineage_version_on_change AFTER INSERT OR DELETE OR UPDATE OR TRUNCATE ON lineage
	FOR EACH STATEMENT EXECUTE FUNCTION units_version_bump();
