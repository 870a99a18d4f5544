-- Migration 0005: a change log, so undo takes back the last change of any kind
-- (a recording, an edit, a removal, a whole import, a change to the routine)
-- in the order the changes were made, whatever the clock said at the time.
-- It comes after the routine (0004) because migrations run in the order of their files.
--
-- A change is opened (open = 1) at the start of a write transaction and
-- closed before it commits; the open change is always the newest row, so
-- triggers find it by the rowid alone and need no index. While one is open, triggers keep the image of
-- every row the transaction updates or deletes as it was before (NULL for a
-- pain_replaced or exercises row it inserted). Sessions and pain scores it
-- inserts need no image: they take recording numbers (seq) above the
-- change's floor, the highest seq when it began, so undo removes them by
-- seq, which keeps a large import as cheap as it was. Undo removes those,
-- then restores the images, newest first. Changes are undone last first, so
-- when a change is undone every entry above its floor is its own.

CREATE TABLE changes (
    seq      INTEGER PRIMARY KEY,
    kind     TEXT NOT NULL,
    what     TEXT NOT NULL,
    undo     TEXT NOT NULL,
    made_at  TEXT NOT NULL,
    floor    INTEGER NOT NULL DEFAULT 0,
    open     INTEGER NOT NULL DEFAULT 0 CHECK (open IN (0, 1))
);

CREATE TABLE change_rows (
    n       INTEGER PRIMARY KEY,
    change  INTEGER NOT NULL REFERENCES changes (seq) ON DELETE CASCADE,
    tbl     TEXT NOT NULL,
    key     TEXT NOT NULL,
    before  TEXT CHECK (before IS NULL OR json_valid(before))
);
CREATE INDEX change_rows_by_change ON change_rows (change);

CREATE TRIGGER sessions_upd AFTER UPDATE ON sessions WHEN (SELECT open FROM changes ORDER BY seq DESC LIMIT 1) = 1 BEGIN
    INSERT INTO change_rows (change, tbl, key, before)
        SELECT seq, 'sessions', OLD.id, json_object('id', OLD.id, 'seq', OLD.seq, 'day', OLD.day,
            'exercise', OLD.exercise, 'sets', OLD.sets, 'reps', OLD.reps, 'hold_s', OLD.hold_s,
            'minutes', OLD.minutes, 'pain_during', OLD.pain_during, 'note', OLD.note, 'recorded_at', OLD.recorded_at)
        FROM changes WHERE seq = (SELECT max(seq) FROM changes) AND open = 1;
END;
CREATE TRIGGER sessions_del AFTER DELETE ON sessions WHEN (SELECT open FROM changes ORDER BY seq DESC LIMIT 1) = 1 BEGIN
    INSERT INTO change_rows (change, tbl, key, before)
        SELECT seq, 'sessions', OLD.id, json_object('id', OLD.id, 'seq', OLD.seq, 'day', OLD.day,
            'exercise', OLD.exercise, 'sets', OLD.sets, 'reps', OLD.reps, 'hold_s', OLD.hold_s,
            'minutes', OLD.minutes, 'pain_during', OLD.pain_during, 'note', OLD.note, 'recorded_at', OLD.recorded_at)
        FROM changes WHERE seq = (SELECT max(seq) FROM changes) AND open = 1;
END;

CREATE TRIGGER pain_upd AFTER UPDATE ON pain WHEN (SELECT open FROM changes ORDER BY seq DESC LIMIT 1) = 1 BEGIN
    INSERT INTO change_rows (change, tbl, key, before)
        SELECT seq, 'pain', OLD.id, json_object('day', OLD.day, 'id', OLD.id, 'seq', OLD.seq, 'score', OLD.score,
            'note', OLD.note, 'recorded_at', OLD.recorded_at)
        FROM changes WHERE seq = (SELECT max(seq) FROM changes) AND open = 1;
END;
CREATE TRIGGER pain_del AFTER DELETE ON pain WHEN (SELECT open FROM changes ORDER BY seq DESC LIMIT 1) = 1 BEGIN
    INSERT INTO change_rows (change, tbl, key, before)
        SELECT seq, 'pain', OLD.id, json_object('day', OLD.day, 'id', OLD.id, 'seq', OLD.seq, 'score', OLD.score,
            'note', OLD.note, 'recorded_at', OLD.recorded_at)
        FROM changes WHERE seq = (SELECT max(seq) FROM changes) AND open = 1;
END;

CREATE TRIGGER pain_replaced_ins AFTER INSERT ON pain_replaced WHEN (SELECT open FROM changes ORDER BY seq DESC LIMIT 1) = 1 BEGIN
    INSERT INTO change_rows (change, tbl, key, before)
        SELECT seq, 'pain_replaced', NEW.id, NULL FROM changes WHERE seq = (SELECT max(seq) FROM changes) AND open = 1;
END;
CREATE TRIGGER pain_replaced_del AFTER DELETE ON pain_replaced WHEN (SELECT open FROM changes ORDER BY seq DESC LIMIT 1) = 1 BEGIN
    INSERT INTO change_rows (change, tbl, key, before)
        SELECT seq, 'pain_replaced', OLD.id, json_object('id', OLD.id, 'day', OLD.day, 'score', OLD.score,
            'note', OLD.note, 'recorded_at', OLD.recorded_at, 'seq', OLD.seq, 'replaced_by', OLD.replaced_by)
        FROM changes WHERE seq = (SELECT max(seq) FROM changes) AND open = 1;
END;

CREATE TRIGGER exercises_ins AFTER INSERT ON exercises WHEN (SELECT open FROM changes ORDER BY seq DESC LIMIT 1) = 1 BEGIN
    INSERT INTO change_rows (change, tbl, key, before)
        SELECT seq, 'exercises', NEW.slug, NULL FROM changes WHERE seq = (SELECT max(seq) FROM changes) AND open = 1;
END;
CREATE TRIGGER exercises_upd AFTER UPDATE ON exercises WHEN (SELECT open FROM changes ORDER BY seq DESC LIMIT 1) = 1 BEGIN
    INSERT INTO change_rows (change, tbl, key, before)
        SELECT seq, 'exercises', OLD.slug, json_object('slug', OLD.slug, 'definition', OLD.definition,
            'created_at', OLD.created_at)
        FROM changes WHERE seq = (SELECT max(seq) FROM changes) AND open = 1;
END;
CREATE TRIGGER exercises_del AFTER DELETE ON exercises WHEN (SELECT open FROM changes ORDER BY seq DESC LIMIT 1) = 1 BEGIN
    INSERT INTO change_rows (change, tbl, key, before)
        SELECT seq, 'exercises', OLD.slug, json_object('slug', OLD.slug, 'definition', OLD.definition,
            'created_at', OLD.created_at)
        FROM changes WHERE seq = (SELECT max(seq) FROM changes) AND open = 1;
END;

-- The routine (migration 0004): its changes, and an import's routine entries,
-- are taken back like any other; a removed session comes back with the batch
-- it was recorded in.
CREATE TRIGGER routine_ins AFTER INSERT ON routine WHEN (SELECT open FROM changes ORDER BY seq DESC LIMIT 1) = 1 BEGIN
    INSERT INTO change_rows (change, tbl, key, before)
        SELECT seq, 'routine', NEW.id, NULL FROM changes WHERE seq = (SELECT max(seq) FROM changes) AND open = 1;
END;
CREATE TRIGGER routine_upd AFTER UPDATE ON routine WHEN (SELECT open FROM changes ORDER BY seq DESC LIMIT 1) = 1 BEGIN
    INSERT INTO change_rows (change, tbl, key, before)
        SELECT seq, 'routine', OLD.id, json_object('id', OLD.id, 'exercise', OLD.exercise, 'weekdays', OLD.weekdays,
            'per_week', OLD.per_week, 'since', OLD.since, 'ended', OLD.ended, 'recorded_at', OLD.recorded_at)
        FROM changes WHERE seq = (SELECT max(seq) FROM changes) AND open = 1;
END;
CREATE TRIGGER routine_del AFTER DELETE ON routine WHEN (SELECT open FROM changes ORDER BY seq DESC LIMIT 1) = 1 BEGIN
    INSERT INTO change_rows (change, tbl, key, before)
        SELECT seq, 'routine', OLD.id, json_object('id', OLD.id, 'exercise', OLD.exercise, 'weekdays', OLD.weekdays,
            'per_week', OLD.per_week, 'since', OLD.since, 'ended', OLD.ended, 'recorded_at', OLD.recorded_at)
        FROM changes WHERE seq = (SELECT max(seq) FROM changes) AND open = 1;
END;
CREATE TRIGGER session_batches_del AFTER DELETE ON session_batches WHEN (SELECT open FROM changes ORDER BY seq DESC LIMIT 1) = 1 BEGIN
    INSERT INTO change_rows (change, tbl, key, before)
        SELECT seq, 'session_batches', OLD.session_id, json_object('session_id', OLD.session_id, 'batch', OLD.batch)
        FROM changes WHERE seq = (SELECT max(seq) FROM changes) AND open = 1;
END;

-- Entries recorded before the change log become one change each, in the order
-- they were recorded, so undo goes on taking them back as it always has. A
-- score that replaced an earlier one brings the earlier one back.
INSERT INTO changes (seq, kind, what, undo, made_at, floor)
    SELECT seq, 'record', 'recorded ' || exercise || ' on ' || day,
        'Removed ' || exercise || ' on ' || day || '.', recorded_at, seq - 1 FROM sessions;
INSERT INTO changes (seq, kind, what, undo, made_at, floor)
    SELECT p.seq, 'record', 'recorded pain ' || p.score || '/10 for ' || p.day,
        'Removed pain ' || p.score || '/10 for ' || p.day ||
        coalesce((SELECT '; the earlier ' || r.score || '/10 is back' FROM pain_replaced r WHERE r.replaced_by = p.id), '') || '.',
        p.recorded_at, p.seq - 1 FROM pain p;
INSERT INTO change_rows (change, tbl, key, before)
    SELECT p.seq, 'pain_replaced', r.id, NULL FROM pain p JOIN pain_replaced r ON r.replaced_by = p.id;
INSERT INTO change_rows (change, tbl, key, before)
    SELECT p.seq, 'pain', r.id, json_object('day', r.day, 'id', r.id, 'seq', r.seq, 'score', r.score,
            'note', r.note, 'recorded_at', r.recorded_at)
        FROM pain p JOIN pain_replaced r ON r.replaced_by = p.id;
