-- Keep boundary geometry out of the units heap: aggregate queries scan units for every answer,
-- and inline polygons made the national table 35 MB instead of 10 MB (docs/SCALING.md).
ALTER TABLE units SET (toast_tuple_target = 128);
--> statement-breakpoint
ALTER TABLE units ALTER COLUMN geometry SET STORAGE EXTERNAL;
--> statement-breakpoint
-- Rewrite existing rows so they follow the new storage rule.
UPDATE units SET geometry = geometry WHERE geometry IS NOT NULL;
