-- Version 2: the database itself bounds every dose and note, as the command
-- line always has, so no import, tool or bug can store a session of a
-- thousand sets or a 0-minute walk. SQLite cannot add CHECK constraints to a
-- table, so sessions is rebuilt; every row is copied as it is.

CREATE TABLE sessions_v2 (
    id          TEXT PRIMARY KEY,
    seq         INTEGER NOT NULL UNIQUE,
    day         TEXT NOT NULL CHECK (day GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
    exercise    TEXT NOT NULL CHECK (exercise <> ''),
    sets        INTEGER NOT NULL CHECK (sets BETWEEN 1 AND 20),
    reps        INTEGER NOT NULL DEFAULT 0 CHECK (reps BETWEEN 0 AND 500),
    hold_s      INTEGER NOT NULL DEFAULT 0 CHECK (hold_s BETWEEN 0 AND 3600),
    minutes     INTEGER NOT NULL DEFAULT 0 CHECK (minutes BETWEEN 0 AND 1440),
    pain_during INTEGER CHECK (pain_during BETWEEN 0 AND 10),
    note        TEXT NOT NULL DEFAULT '' CHECK (length(note) <= 2000),
    recorded_at TEXT NOT NULL,
    CHECK (reps > 0 OR hold_s > 0 OR minutes > 0)
);
INSERT INTO sessions_v2 (id, seq, day, exercise, sets, reps, hold_s, minutes, pain_during, note, recorded_at)
    SELECT id, seq, day, exercise, sets, reps, hold_s, minutes, pain_during, note, recorded_at FROM sessions;
DROP TABLE sessions;
ALTER TABLE sessions_v2 RENAME TO sessions;
CREATE INDEX sessions_by_day ON sessions (day);
CREATE INDEX sessions_by_exercise ON sessions (exercise, day);
