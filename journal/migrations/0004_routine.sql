-- Version 4: the routine.

-- The exercises the user means to do and how often: on named weekdays
-- (weekdays, a mask with Monday as bit 0, 127 for every day) or a number of
-- times a week (per_week). An entry is in force from since up to, not
-- including, ended; a change ends the old entry and starts a new one on the
-- same day, so past weeks keep the plan they had.
CREATE TABLE routine (
    id          TEXT PRIMARY KEY,
    exercise    TEXT NOT NULL CHECK (exercise <> ''),
    weekdays    INTEGER NOT NULL DEFAULT 0 CHECK (weekdays BETWEEN 0 AND 127),
    per_week    INTEGER NOT NULL DEFAULT 0 CHECK (per_week BETWEEN 0 AND 7),
    since       TEXT NOT NULL CHECK (since GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
    ended       TEXT CHECK (ended GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]' AND ended > since),
    recorded_at TEXT NOT NULL,
    CHECK ((weekdays > 0) <> (per_week > 0))
);
CREATE UNIQUE INDEX routine_in_force ON routine (exercise) WHERE ended IS NULL;
CREATE INDEX routine_by_exercise ON routine (exercise, since);

-- Sessions recorded together by one command (backlog done with several
-- exercises, or --routine) share a batch, so undo takes them back together.
-- A table of its own rather than a column, so the sessions table keeps its
-- shape; the trigger drops a session's batch row whenever the session goes.
CREATE TABLE session_batches (
    session_id  TEXT PRIMARY KEY,
    batch       TEXT NOT NULL
);
CREATE INDEX session_batches_by_batch ON session_batches (batch);
CREATE TRIGGER session_batches_follow AFTER DELETE ON sessions BEGIN
    DELETE FROM session_batches WHERE session_id = OLD.id;
END;
