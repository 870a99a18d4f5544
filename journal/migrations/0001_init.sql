-- The first schema of a backlog journal.

-- Exercises the user added. Built-in exercises live in the binary; only their
-- slugs are stored, in sessions.
CREATE TABLE exercises (
    slug        TEXT PRIMARY KEY,
    definition  TEXT NOT NULL CHECK (json_valid(definition)),
    created_at  TEXT NOT NULL
);

-- One row per time an exercise was done. seq orders entries across sessions
-- and pain by when they were recorded, which is what undo removes first.
CREATE TABLE sessions (
    id          TEXT PRIMARY KEY,
    seq         INTEGER NOT NULL UNIQUE,
    day         TEXT NOT NULL CHECK (day GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
    exercise    TEXT NOT NULL CHECK (exercise <> ''),
    sets        INTEGER NOT NULL CHECK (sets >= 1),
    reps        INTEGER NOT NULL DEFAULT 0 CHECK (reps >= 0),
    hold_s      INTEGER NOT NULL DEFAULT 0 CHECK (hold_s >= 0),
    minutes     INTEGER NOT NULL DEFAULT 0 CHECK (minutes >= 0),
    pain_during INTEGER CHECK (pain_during BETWEEN 0 AND 10),
    note        TEXT NOT NULL DEFAULT '',
    recorded_at TEXT NOT NULL
);
CREATE INDEX sessions_by_day ON sessions (day);
CREATE INDEX sessions_by_exercise ON sessions (exercise, day);

-- One pain score per calendar day.
CREATE TABLE pain (
    day         TEXT PRIMARY KEY CHECK (day GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
    id          TEXT NOT NULL UNIQUE,
    seq         INTEGER NOT NULL UNIQUE,
    score       INTEGER NOT NULL CHECK (score BETWEEN 0 AND 10),
    note        TEXT NOT NULL DEFAULT '',
    recorded_at TEXT NOT NULL
);

-- Scores that a later entry for the same day replaced. Nothing recorded is
-- thrown away: undoing the replacement brings the old score back.
CREATE TABLE pain_replaced (
    id          TEXT PRIMARY KEY,
    day         TEXT NOT NULL,
    score       INTEGER NOT NULL,
    note        TEXT NOT NULL DEFAULT '',
    recorded_at TEXT NOT NULL,
    seq         INTEGER NOT NULL,
    replaced_by TEXT NOT NULL
);
CREATE INDEX pain_replaced_by ON pain_replaced (replaced_by);
