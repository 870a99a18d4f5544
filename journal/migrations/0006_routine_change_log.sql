-- Migration 0006: the change log of 0004 also watches the routine of
-- 0005, so undo takes back a change to the routine (and an import's routine
-- entries) like any other change, and a removed session comes back with the
-- batch it was recorded in. IF NOT EXISTS: migrations run by position, so
-- this one may run again on a journal made before 0003 was added.

CREATE TRIGGER IF NOT EXISTS routine_ins AFTER INSERT ON routine WHEN EXISTS (SELECT 1 FROM changes WHERE open = 1) BEGIN
    INSERT INTO change_rows (change, tbl, key, before)
        SELECT seq, 'routine', NEW.id, NULL FROM changes WHERE open = 1;
END;
CREATE TRIGGER IF NOT EXISTS routine_upd AFTER UPDATE ON routine WHEN EXISTS (SELECT 1 FROM changes WHERE open = 1) BEGIN
    INSERT INTO change_rows (change, tbl, key, before)
        SELECT seq, 'routine', OLD.id, json_object('id', OLD.id, 'exercise', OLD.exercise, 'weekdays', OLD.weekdays,
            'per_week', OLD.per_week, 'since', OLD.since, 'ended', OLD.ended, 'recorded_at', OLD.recorded_at)
        FROM changes WHERE open = 1;
END;
CREATE TRIGGER IF NOT EXISTS routine_del AFTER DELETE ON routine WHEN EXISTS (SELECT 1 FROM changes WHERE open = 1) BEGIN
    INSERT INTO change_rows (change, tbl, key, before)
        SELECT seq, 'routine', OLD.id, json_object('id', OLD.id, 'exercise', OLD.exercise, 'weekdays', OLD.weekdays,
            'per_week', OLD.per_week, 'since', OLD.since, 'ended', OLD.ended, 'recorded_at', OLD.recorded_at)
        FROM changes WHERE open = 1;
END;
CREATE TRIGGER IF NOT EXISTS session_batches_del AFTER DELETE ON session_batches WHEN EXISTS (SELECT 1 FROM changes WHERE open = 1) BEGIN
    INSERT INTO change_rows (change, tbl, key, before)
        SELECT seq, 'session_batches', OLD.session_id, json_object('session_id', OLD.session_id, 'batch', OLD.batch)
        FROM changes WHERE open = 1;
END;
