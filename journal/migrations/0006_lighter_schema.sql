-- Version 6: less for every command to read and write.
--
-- A session's recording number (seq) becomes the sessions table's rowid, so
-- recording a session updates one index fewer, and the day and exercise
-- indexes, which end in the rowid, give sessions in recording order without
-- a sort. The table is rebuilt; every row is copied as it is.
--
-- The change log's triggers (migration 0005) leave the stored schema, which
-- every backlog command parses when it opens the journal. beginChange now
-- creates them as TEMP triggers on the connection that opens a change, the
-- only time they do anything (their WHEN clause asks for an open change), so
-- they work exactly as before; see changelog.sql.

CREATE TABLE sessions_v6 (
    id          TEXT NOT NULL UNIQUE,
    seq         INTEGER PRIMARY KEY NOT NULL,
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
INSERT INTO sessions_v6 (id, seq, day, exercise, sets, reps, hold_s, minutes, pain_during, note, recorded_at)
    SELECT id, seq, day, exercise, sets, reps, hold_s, minutes, pain_during, note, recorded_at FROM sessions ORDER BY seq;
-- Dropping the table drops its triggers: session_batches_follow (0004) is
-- made again below, sessions_upd and sessions_del (0005) move to changelog.sql.
DROP TABLE sessions;
ALTER TABLE sessions_v6 RENAME TO sessions;
CREATE INDEX sessions_by_day ON sessions (day);
CREATE INDEX sessions_by_exercise ON sessions (exercise, day);
CREATE TRIGGER session_batches_follow AFTER DELETE ON sessions BEGIN
    DELETE FROM session_batches WHERE session_id = OLD.id;
END;

DROP TRIGGER pain_upd;
DROP TRIGGER pain_del;
DROP TRIGGER pain_replaced_ins;
DROP TRIGGER pain_replaced_del;
DROP TRIGGER exercises_ins;
DROP TRIGGER exercises_upd;
DROP TRIGGER exercises_del;
DROP TRIGGER routine_ins;
DROP TRIGGER routine_upd;
DROP TRIGGER routine_del;
DROP TRIGGER session_batches_del;
