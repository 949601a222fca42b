-- The audit log is append-only: history that can be rewritten is not history.
CREATE FUNCTION audit_log_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	RAISE EXCEPTION 'audit_log is append-only: % refused', TG_OP;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON audit_log
	FOR EACH ROW EXECUTE FUNCTION audit_log_refuse_change();
--> statement-breakpoint
CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
	FOR EACH STATEMENT EXECUTE FUNCTION audit_log_refuse_change();
--> statement-breakpoint
INSERT INTO roles (code, name_vi, name_en) VALUES
	('admin', 'Quản trị viên', 'Administrator'),
	('approver', 'Người phê duyệt', 'Approver'),
	('editor', 'Biên tập viên', 'Editor'),
	('viewer', 'Người xem', 'Viewer');
