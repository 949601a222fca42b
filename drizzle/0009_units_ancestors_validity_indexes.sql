CREATE INDEX "units_province" ON "units" USING btree ("province_id");--> statement-breakpoint
CREATE INDEX "units_district" ON "units" USING btree ("district_id");--> statement-breakpoint
CREATE INDEX "units_level_valid_from" ON "units" USING btree ("level","valid_from");--> statement-breakpoint
CREATE INDEX "units_level_valid_to" ON "units" USING btree ("level","valid_to");