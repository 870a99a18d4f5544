-- Version 3: notes end their lines with a line feed only, as backlog now
-- stores every new note. A CSV reader turns "\r\n" inside a cell into "\n",
-- so a note with carriage returns did not come back from export → import →
-- export as it was. Nothing else changes.

UPDATE sessions SET note = replace(replace(note, char(13) || char(10), char(10)), char(13), char(10))
    WHERE instr(note, char(13)) > 0;
UPDATE pain SET note = replace(replace(note, char(13) || char(10), char(10)), char(13), char(10))
    WHERE instr(note, char(13)) > 0;
UPDATE pain_replaced SET note = replace(replace(note, char(13) || char(10), char(10)), char(13), char(10))
    WHERE instr(note, char(13)) > 0;
