-- The change log's triggers, created as TEMP triggers by beginChange on the
-- connection that opens a change (see migrations 0005 and 0006). While a
-- change is open they keep the image of every row it updates or deletes as it
-- was before (NULL for an exercises, routine or pain_replaced row it
-- inserted), so undo can put it back. They stay out of the stored schema,
-- which every command parses when it opens the journal, and cost only the
-- commands that open a change.

CREATE TEMP TRIGGER IF NOT EXISTS sessions_upd AFTER UPDATE ON main.sessions WHEN (SELECT open FROM changes ORDER BY seq DESC LIMIT 1) = 1 BEGIN
    INSERT INTO change_rows (change, tbl, key, before)
        SELECT seq, 'sessions', OLD.id, json_object('id', OLD.id, 'seq', OLD.seq, 'day', OLD.day,
            'exercise', OLD.exercise, 'sets', OLD.sets, 'reps', OLD.reps, 'hold_s', OLD.hold_s,
            'minutes', OLD.minutes, 'pain_during', OLD.pain_during, 'note', OLD.note, 'recorded_at', OLD.recorded_at)
        FROM changes WHERE seq = (SELECT max(seq) FROM changes) AND open = 1;
END;

CREATE TEMP TRIGGER IF NOT EXISTS sessions_del AFTER DELETE ON main.sessions WHEN (SELECT open FROM changes ORDER BY seq DESC LIMIT 1) = 1 BEGIN
    INSERT INTO change_rows (change, tbl, key, before)
        SELECT seq, 'sessions', OLD.id, json_object('id', OLD.id, 'seq', OLD.seq, 'day', OLD.day,
            'exercise', OLD.exercise, 'sets', OLD.sets, 'reps', OLD.reps, 'hold_s', OLD.hold_s,
            'minutes', OLD.minutes, 'pain_during', OLD.pain_during, 'note', OLD.note, 'recorded_at', OLD.recorded_at)
        FROM changes WHERE seq = (SELECT max(seq) FROM changes) AND open = 1;
END;

CREATE TEMP TRIGGER IF NOT EXISTS pain_upd AFTER UPDATE ON main.pain WHEN (SELECT open FROM changes ORDER BY seq DESC LIMIT 1) = 1 BEGIN
    INSERT INTO change_rows (change, tbl, key, before)
        SELECT seq, 'pain', OLD.id, json_object('day', OLD.day, 'id', OLD.id, 'seq', OLD.seq, 'score', OLD.score,
            'note', OLD.note, 'recorded_at', OLD.recorded_at)
        FROM changes WHERE seq = (SELECT max(seq) FROM changes) AND open = 1;
END;

CREATE TEMP TRIGGER IF NOT EXISTS pain_del AFTER DELETE ON main.pain WHEN (SELECT open FROM changes ORDER BY seq DESC LIMIT 1) = 1 BEGIN
    INSERT INTO change_rows (change, tbl, key, before)
        SELECT seq, 'pain', OLD.id, json_object('day', OLD.day, 'id', OLD.id, 'seq', OLD.seq, 'score', OLD.score,
            'note', OLD.note, 'recorded_at', OLD.recorded_at)
        FROM changes WHERE seq = (SELECT max(seq) FROM changes) AND open = 1;
END;

CREATE TEMP TRIGGER IF NOT EXISTS pain_replaced_ins AFTER INSERT ON main.pain_replaced WHEN (SELECT open FROM changes ORDER BY seq DESC LIMIT 1) = 1 BEGIN
    INSERT INTO change_rows (change, tbl, key, before)
        SELECT seq, 'pain_replaced', NEW.id, NULL FROM changes WHERE seq = (SELECT max(seq) FROM changes) AND open = 1;
END;

CREATE TEMP TRIGGER IF NOT EXISTS pain_replaced_del AFTER DELETE ON main.pain_replaced WHEN (SELECT open FROM changes ORDER BY seq DESC LIMIT 1) = 1 BEGIN
    INSERT INTO change_rows (change, tbl, key, before)
        SELECT seq, 'pain_replaced', OLD.id, json_object('id', OLD.id, 'day', OLD.day, 'score', OLD.score,
            'note', OLD.note, 'recorded_at', OLD.recorded_at, 'seq', OLD.seq, 'replaced_by', OLD.replaced_by)
        FROM changes WHERE seq = (SELECT max(seq) FROM changes) AND open = 1;
END;

CREATE TEMP TRIGGER IF NOT EXISTS exercises_ins AFTER INSERT ON main.exercises WHEN (SELECT open FROM changes ORDER BY seq DESC LIMIT 1) = 1 BEGIN
    INSERT INTO change_rows (change, tbl, key, before)
        SELECT seq, 'exercises', NEW.slug, NULL FROM changes WHERE seq = (SELECT max(seq) FROM changes) AND open = 1;
END;

CREATE TEMP TRIGGER IF NOT EXISTS exercises_upd AFTER UPDATE ON main.exercises WHEN (SELECT open FROM changes ORDER BY seq DESC LIMIT 1) = 1 BEGIN
    INSERT INTO change_rows (change, tbl, key, before)
        SELECT seq, 'exercises', OLD.slug, json_object('slug', OLD.slug, 'definition', OLD.definition,
            'created_at', OLD.created_at)
        FROM changes WHERE seq = (SELECT max(seq) FROM changes) AND open = 1;
END;

CREATE TEMP TRIGGER IF NOT EXISTS exercises_del AFTER DELETE ON main.exercises WHEN (SELECT open FROM changes ORDER BY seq DESC LIMIT 1) = 1 BEGIN
    INSERT INTO change_rows (change, tbl, key, before)
        SELECT seq, 'exercises', OLD.slug, json_object('slug', OLD.slug, 'definition', OLD.definition,
            'created_at', OLD.created_at)
        FROM changes WHERE seq = (SELECT max(seq) FROM changes) AND open = 1;
END;

CREATE TEMP TRIGGER IF NOT EXISTS routine_ins AFTER INSERT ON main.routine WHEN (SELECT open FROM changes ORDER BY seq DESC LIMIT 1) = 1 BEGIN
    INSERT INTO change_rows (change, tbl, key, before)
        SELECT seq, 'routine', NEW.id, NULL FROM changes WHERE seq = (SELECT max(seq) FROM changes) AND open = 1;
END;

CREATE TEMP TRIGGER IF NOT EXISTS routine_upd AFTER UPDATE ON main.routine WHEN (SELECT open FROM changes ORDER BY seq DESC LIMIT 1) = 1 BEGIN
    INSERT INTO change_rows (change, tbl, key, before)
        SELECT seq, 'routine', OLD.id, json_object('id', OLD.id, 'exercise', OLD.exercise, 'weekdays', OLD.weekdays,
            'per_week', OLD.per_week, 'since', OLD.since, 'ended', OLD.ended, 'recorded_at', OLD.recorded_at)
        FROM changes WHERE seq = (SELECT max(seq) FROM changes) AND open = 1;
END;

CREATE TEMP TRIGGER IF NOT EXISTS routine_del AFTER DELETE ON main.routine WHEN (SELECT open FROM changes ORDER BY seq DESC LIMIT 1) = 1 BEGIN
    INSERT INTO change_rows (change, tbl, key, before)
        SELECT seq, 'routine', OLD.id, json_object('id', OLD.id, 'exercise', OLD.exercise, 'weekdays', OLD.weekdays,
            'per_week', OLD.per_week, 'since', OLD.since, 'ended', OLD.ended, 'recorded_at', OLD.recorded_at)
        FROM changes WHERE seq = (SELECT max(seq) FROM changes) AND open = 1;
END;

CREATE TEMP TRIGGER IF NOT EXISTS session_batches_del AFTER DELETE ON main.session_batches WHEN (SELECT open FROM changes ORDER BY seq DESC LIMIT 1) = 1 BEGIN
    INSERT INTO change_rows (change, tbl, key, before)
        SELECT seq, 'session_batches', OLD.session_id, json_object('session_id', OLD.session_id, 'batch', OLD.batch)
        FROM changes WHERE seq = (SELECT max(seq) FROM changes) AND open = 1;
END;
