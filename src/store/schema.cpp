// The store's schema as forward migrations; PRAGMA user_version counts those applied.
// Documented for sqlite3 users in man/complain.1 (STORE); keep the two in step.
#include "complain/store/store.hpp"

namespace complain {

const std::vector<std::string_view>& migrations() {
    static const std::vector<std::string_view> steps{
        // 0 -> 1: complaints, timeline, tags, evidence, text search.
        R"sql(
CREATE TABLE complaint (
    id                INTEGER PRIMARY KEY,
    uuid              TEXT NOT NULL UNIQUE,
    title             TEXT NOT NULL,
    body              TEXT NOT NULL DEFAULT '',
    against           TEXT,
    order_no          TEXT,
    product           TEXT,
    category          TEXT,
    want              TEXT,
    amount            INTEGER,              -- minor units (fen, cents)
    recovered         INTEGER,              -- minor units recovered on resolution
    currency          TEXT,                 -- ISO 4217
    ref               TEXT,                 -- the channel's own case number
    state             TEXT NOT NULL
                      CHECK (state IN ('open', 'answered', 'paused', 'resolved', 'dropped')),
    channel           TEXT NOT NULL,
    level             INTEGER NOT NULL DEFAULT 1,
    deadline          TEXT,                 -- rule of the running deadline: '48h', '7wd'
    deadline_calendar TEXT,
    deadline_zone     TEXT,
    deadline_roll     INTEGER NOT NULL DEFAULT 0,
    warning           TEXT,                 -- '12h', '2wd'
    clock_started     TEXT,                 -- UTC instants: 'YYYY-MM-DDTHH:MM:SSZ'
    due               TEXT,
    warn_at           TEXT,
    paused_at         TEXT,
    created           TEXT NOT NULL,
    updated           TEXT NOT NULL
);
CREATE INDEX complaint_state_due ON complaint (state, due);
CREATE INDEX complaint_channel ON complaint (channel);

CREATE TABLE tag (
    complaint_id INTEGER NOT NULL REFERENCES complaint (id),
    tag          TEXT NOT NULL,
    PRIMARY KEY (complaint_id, tag)
) WITHOUT ROWID;
CREATE INDEX tag_by_name ON tag (tag);

CREATE TABLE event (
    id           INTEGER PRIMARY KEY,
    complaint_id INTEGER NOT NULL REFERENCES complaint (id),
    at           TEXT NOT NULL,             -- when it happened (back-dated with --at)
    recorded     TEXT NOT NULL,             -- when it was written down
    kind         TEXT NOT NULL CHECK (kind IN ('filed', 'note', 'contact', 'answer', 'state',
                     'answered', 'paused', 'resumed', 'escalated', 'attached', 'edited',
                     'flagged-overdue')),
    text         TEXT NOT NULL DEFAULT '',
    field        TEXT,
    old_value    TEXT,
    new_value    TEXT,
    due          TEXT                       -- the deadline in force after the event
);
CREATE INDEX event_timeline ON event (complaint_id, at, id);
CREATE TRIGGER event_no_update BEFORE UPDATE ON event
    BEGIN SELECT RAISE(ABORT, 'events are append-only'); END;
CREATE TRIGGER event_no_delete BEFORE DELETE ON event
    BEGIN SELECT RAISE(ABORT, 'events are append-only'); END;

-- Evidence content, deduplicated by SHA-256 and kept in chunks of 1 MiB (the last one shorter):
-- the content is the chunks' data in seq order, and its SHA-256 is blob.sha256.
CREATE TABLE blob (
    id     INTEGER PRIMARY KEY,
    sha256 TEXT NOT NULL UNIQUE,            -- 64 lower-case hex digits
    size   INTEGER NOT NULL,                -- bytes
    type   TEXT NOT NULL,                   -- media type, from libmagic
    chunks INTEGER NOT NULL
);
CREATE TABLE chunk (
    blob_id INTEGER NOT NULL REFERENCES blob (id),
    seq     INTEGER NOT NULL,               -- 0, 1, 2, ...
    data    BLOB NOT NULL,
    PRIMARY KEY (blob_id, seq)
);
CREATE TABLE evidence (
    id           INTEGER PRIMARY KEY,
    complaint_id INTEGER NOT NULL REFERENCES complaint (id),
    sha256       TEXT NOT NULL REFERENCES blob (sha256),
    name         TEXT NOT NULL,
    caption      TEXT NOT NULL DEFAULT '',
    added        TEXT NOT NULL
);
CREATE INDEX evidence_by_complaint ON evidence (complaint_id);
CREATE INDEX evidence_by_blob ON evidence (sha256);

-- Full-text search over complaints; trigram, because Chinese has no spaces between words.
CREATE VIRTUAL TABLE complaint_text USING fts5 (
    title, body, against, product, order_no, ref,
    content = 'complaint', content_rowid = 'id', tokenize = 'trigram');
CREATE TRIGGER complaint_text_insert AFTER INSERT ON complaint BEGIN
    INSERT INTO complaint_text (rowid, title, body, against, product, order_no, ref)
    VALUES (new.id, new.title, new.body, new.against, new.product, new.order_no, new.ref);
END;
CREATE TRIGGER complaint_text_delete AFTER DELETE ON complaint BEGIN
    INSERT INTO complaint_text (complaint_text, rowid, title, body, against, product, order_no, ref)
    VALUES ('delete', old.id, old.title, old.body, old.against, old.product, old.order_no, old.ref);
END;
CREATE TRIGGER complaint_text_update AFTER UPDATE ON complaint BEGIN
    INSERT INTO complaint_text (complaint_text, rowid, title, body, against, product, order_no, ref)
    VALUES ('delete', old.id, old.title, old.body, old.against, old.product, old.order_no, old.ref);
    INSERT INTO complaint_text (rowid, title, body, against, product, order_no, ref)
    VALUES (new.id, new.title, new.body, new.against, new.product, new.order_no, new.ref);
END;
)sql",
        // 1 -> 2: history. Every event has a UUID, the command that wrote it and the change it
        // made to the row (the timeline is the truth: the row is its replay); a `retracted` event
        // names the events it cancels; evidence links name the event that attached them; a blob's
        // content may be redacted (removed, its hash kept) or absent (imported without content).
        // Events recorded before this version carry no change and no command: each filing
        // carries its complaint's row as it stood at the migration.
        R"sql(
ALTER TABLE event RENAME TO event_v1;
CREATE TABLE event (
    id           INTEGER PRIMARY KEY,
    uuid         TEXT NOT NULL UNIQUE,
    command      TEXT,                      -- UUID of the command; NULL: recorded before schema 2
    complaint_id INTEGER NOT NULL REFERENCES complaint (id),
    at           TEXT NOT NULL,
    recorded     TEXT NOT NULL,
    -- Written as a chain of ORs: SQLite builds an `IN (...)` list into a temporary table at every
    -- insert, which cost an import of 1M events 4 s (bench/README.md).
    kind         TEXT NOT NULL CHECK (kind = 'filed' OR kind = 'note' OR kind = 'contact' OR
                     kind = 'answer' OR kind = 'state' OR kind = 'answered' OR kind = 'paused' OR
                     kind = 'resumed' OR kind = 'escalated' OR kind = 'attached' OR
                     kind = 'edited' OR kind = 'flagged-overdue' OR kind = 'retracted' OR
                     kind = 'redacted' OR kind = 'letter'),
    text         TEXT NOT NULL DEFAULT '',
    field        TEXT,
    old_value    TEXT,
    new_value    TEXT,
    due          TEXT,
    change       TEXT,                      -- JSON object: the row's fields the event sets
    retracts     TEXT                       -- retracted: JSON array of the UUIDs it cancels
);
INSERT INTO event (id, uuid, complaint_id, at, recorded, kind, text, field, old_value,
                      new_value, due)
-- Version 7 UUIDs made of the instant recorded, 40 bits of the complaint's UUID and the event's
-- id: events written in the same second replay in the order they were written, and two copies
-- of one store migrate to the same UUIDs.
SELECT e.id, substr(t.ms, 1, 8) || '-' || substr(t.ms, 9, 4) || '-7' || substr(t.cu, 1, 3) ||
                 '-8' || substr(t.cu, 4, 3) || '-' || substr(t.cu, 7, 4) || printf('%08x', e.id),
       e.complaint_id, e.at, e.recorded, e.kind, e.text, e.field, e.old_value, e.new_value, e.due
FROM event_v1 e
JOIN (SELECT v.id AS event_id,
             printf('%012x', CAST(strftime('%s', v.recorded) AS INTEGER) * 1000) AS ms,
             lower(replace(c.uuid, '-', '')) AS cu
      FROM event_v1 v JOIN complaint c ON c.id = v.complaint_id) t ON t.event_id = e.id;
DROP TABLE event_v1;
CREATE INDEX event_timeline ON event (complaint_id, at, id);
-- Undo finds a command by when it was recorded (every event of one command shares it), then by
-- its UUID among those: no index of its own on command, which import would pay for per event.
CREATE INDEX event_recorded ON event (recorded);
CREATE TRIGGER event_no_update BEFORE UPDATE ON event
    BEGIN SELECT RAISE(ABORT, 'events are append-only'); END;
CREATE TRIGGER event_no_delete BEFORE DELETE ON event
    BEGIN SELECT RAISE(ABORT, 'events are append-only'); END;
DROP TRIGGER event_no_update;
UPDATE event SET change = (
    SELECT json_object(
        'title', c.title, 'body', c.body, 'against', coalesce(c.against, ''),
        'order', coalesce(c.order_no, ''), 'product', coalesce(c.product, ''),
        'category', coalesce(c.category, ''), 'want', coalesce(c.want, ''),
        'amount', c.amount, 'recovered', c.recovered, 'currency', coalesce(c.currency, ''),
        'tags', (SELECT json_group_array(tag) FROM (SELECT tag FROM tag
                 WHERE complaint_id = c.id ORDER BY tag)),
        'ref', coalesce(c.ref, ''), 'state', c.state, 'channel', c.channel, 'level', c.level,
        'created', c.created, 'deadline', coalesce(c.deadline, ''),
        'calendar', coalesce(c.deadline_calendar, ''), 'zone', coalesce(c.deadline_zone, ''),
        'roll', json(CASE WHEN c.deadline_roll THEN 'true' ELSE 'false' END),
        'warning', coalesce(c.warning, ''), 'started', c.clock_started, 'due', c.due,
        'warn_at', c.warn_at, 'paused_at', c.paused_at)
    FROM complaint c WHERE c.id = event.complaint_id)
WHERE kind = 'filed' AND id = (SELECT min(f.id) FROM event f
                               WHERE f.complaint_id = event.complaint_id AND f.kind = 'filed');
CREATE TRIGGER event_no_update BEFORE UPDATE ON event
    BEGIN SELECT RAISE(ABORT, 'events are append-only'); END;

ALTER TABLE complaint ADD COLUMN undone INTEGER NOT NULL DEFAULT 0; -- its filing was undone
CREATE INDEX complaint_created ON complaint (created, uuid);

-- The events that a standing retraction cancels: part of the replay, rebuilt with the row.
CREATE TABLE cancelled (
    event_id     INTEGER PRIMARY KEY REFERENCES event (id),
    complaint_id INTEGER NOT NULL REFERENCES complaint (id)
);
CREATE INDEX cancelled_by_complaint ON cancelled (complaint_id);

ALTER TABLE evidence ADD COLUMN event_id INTEGER REFERENCES event (id); -- the `attached` event
UPDATE evidence SET event_id = (
    SELECT min(e.id) FROM event e WHERE e.complaint_id = evidence.complaint_id
        AND e.kind = 'attached' AND e.new_value = evidence.sha256);
CREATE UNIQUE INDEX evidence_by_event ON evidence (event_id);

-- kept: the chunks hold the content; redacted: removed by `complain redact`, for good;
-- absent: imported from an export made without content, until one with content arrives.
ALTER TABLE blob ADD COLUMN content TEXT NOT NULL DEFAULT 'kept'
    CHECK (content IN ('kept', 'redacted', 'absent'));
)sql",
        // 2 -> 3: cron's question answered by an index, and the respondent's credit code. The
        // row says whether its deadline in force was flagged overdue (part of the replay: a
        // flagged-overdue event names that due), and a partial index holds the open complaints
        // whose deadline is not flagged yet: cron's daily `report --overdue --flag --new` reads
        // only what is new, whatever the store holds. The text index is kept by changes of the
        // text it holds only, not of every column.
        R"sql(
ALTER TABLE complaint ADD COLUMN flagged INTEGER NOT NULL DEFAULT 0;
-- The 统一社会信用代码 (unified social credit code) of the company complained about.
ALTER TABLE complaint ADD COLUMN credit_code TEXT;
DROP TRIGGER complaint_text_update;
UPDATE complaint SET flagged = 1 WHERE due IS NOT NULL AND EXISTS (
    SELECT 1 FROM event e WHERE e.complaint_id = complaint.id AND e.kind = 'flagged-overdue'
        AND e.due = complaint.due AND e.id NOT IN (SELECT event_id FROM cancelled));
CREATE TRIGGER complaint_text_update AFTER UPDATE OF title, body, against, product, order_no, ref
ON complaint BEGIN
    INSERT INTO complaint_text (complaint_text, rowid, title, body, against, product, order_no, ref)
    VALUES ('delete', old.id, old.title, old.body, old.against, old.product, old.order_no, old.ref);
    INSERT INTO complaint_text (rowid, title, body, against, product, order_no, ref)
    VALUES (new.id, new.title, new.body, new.against, new.product, new.order_no, new.ref);
END;
CREATE INDEX complaint_unflagged ON complaint (due) WHERE state = 'open' AND flagged = 0
    AND undone = 0 AND due IS NOT NULL;
)sql",
        // 3 -> 4: follow-ups, what evidence proves, and text search over the timeline.
        //
        // A piece of evidence says what it proves (证明目的) as attach gave it; a later `edited`
        // event naming it (field 'purpose:' and its SHA-256) says it anew. An answered complaint
        // can carry a promise with a deadline (the follow-up): its clock runs, so cron's lists and
        // their partial indexes take answered complaints with a follow-up alongside open ones.
        //
        // Notes, contacts, answers and the messages of state changes and escalations (-m), and
        // evidence names and captions, go in a trigram index beside complaint_text, so that
        // `--search` finds an agent's 工号 or a phrase of a chat wherever it was written down.
        // Contentless: the text stays in event and evidence, and rows are never deleted (events
        // are append-only; evidence rows outlive undo and redaction), so the index needs no copy.
        // The rowid says where a text is: an event's id (its text in `text`), or minus an evidence
        // row's id (its name in `text`, its caption in `caption`). Each text ends in U+FFFF, which
        // no one types: every two characters of a text, its last two included, then begin a
        // trigram, and a search for a two-character word (工号, 退款) reads the index's terms that
        // start with it (timeline_terms) instead of every event. Filled here for existing stores;
        // kept by triggers in the transaction of every write (an import drops the event and
        // evidence triggers and fills the index by INSERT ... SELECT at its end, finish_import).
        // The trigger's kinds are indexed_event_kinds' (src/store/rows.cpp; test_store.cpp
        // holds the two together).
        R"sql(
ALTER TABLE evidence ADD COLUMN purpose TEXT NOT NULL DEFAULT '';
ALTER TABLE complaint ADD COLUMN follow_up INTEGER NOT NULL DEFAULT 0;
DROP INDEX complaint_unflagged;
CREATE INDEX complaint_unflagged ON complaint (due) WHERE (state = 'open' OR follow_up = 1)
    AND flagged = 0 AND undone = 0 AND due IS NOT NULL;
CREATE INDEX complaint_running ON complaint (due) WHERE (state = 'open' OR follow_up = 1)
    AND undone = 0 AND due IS NOT NULL;
CREATE VIRTUAL TABLE timeline_text USING fts5 (
    text, caption, content = '', tokenize = 'trigram');
CREATE VIRTUAL TABLE timeline_terms USING fts5vocab (timeline_text, 'instance');
CREATE TRIGGER timeline_text_event AFTER INSERT ON event
WHEN new.text <> '' AND (new.kind = 'note' OR new.kind = 'contact' OR new.kind = 'answer' OR
    new.kind = 'state' OR new.kind = 'answered' OR new.kind = 'paused' OR
    new.kind = 'resumed' OR new.kind = 'escalated') BEGIN
    INSERT INTO timeline_text (rowid, text) VALUES (new.id, new.text || char(65535));
END;
CREATE TRIGGER timeline_text_evidence AFTER INSERT ON evidence BEGIN
    INSERT INTO timeline_text (rowid, text, caption)
    VALUES (-new.id, new.name || char(65535), new.caption || char(65535));
END;
INSERT INTO timeline_text (rowid, text)
SELECT id, text || char(65535) FROM event
WHERE text <> '' AND (kind = 'note' OR kind = 'contact' OR kind = 'answer' OR kind = 'state' OR
    kind = 'answered' OR kind = 'paused' OR kind = 'resumed' OR kind = 'escalated')
ORDER BY id;
INSERT INTO timeline_text (rowid, text, caption)
SELECT -id, name || char(65535), caption || char(65535) FROM evidence ORDER BY id DESC;
)sql",
        // 4 -> 5: cron's lists and the calendar are read from the running clocks' index alone.
        //
        // complaint_running held the due only, and each complaint of a list was then read from
        // the table: a 64 KiB page for each row, in no order on disk (`report --overdue` read 570
        // pages for 5,500 rows at 100k). It now holds, in due order, every column that the text
        // table and the calendar of those lists read (Store::Fields::table and ::calendar) and
        // that their conditions name, so that SQLite answers from the index alone (USING
        // COVERING INDEX; test_plans.cpp holds the columns to row_columns' uses). It holds only
        // running clocks, a seventh of bench/gen's complaints: at 100k it costs about 3 MiB.
        R"sql(
DROP INDEX complaint_running;
CREATE INDEX complaint_running ON complaint (due, id, state, follow_up, undone, flagged, warn_at,
    channel, deadline, deadline_calendar, deadline_zone, deadline_roll, level, title, against,
    uuid, order_no, ref) WHERE (state = 'open' OR follow_up = 1) AND undone = 0
    AND due IS NOT NULL;
)sql",
        // 5 -> 6: what evidence proves is searched too.
        //
        // The purpose given at attach goes in the timeline index under the rowid of the event
        // that attached it, an `attached` event whose own text the index does not hold; its
        // column is `caption`, and it ends in U+FFFF as every text there does. Undo of the attach
        // cancels that event, and so hides the purpose as it hides the name. A purpose said anew
        // is an `edited` event (field 'purpose:' and the SHA-256): its new purpose (new_value)
        // goes in under the event's own id, not its text, which is complain's words around the
        // old and the new ("purpose of NAME (sha256 ...): OLD -> NEW"). The index is contentless
        // and its rows are never deleted, so the rows are added, not rebuilt.
        R"sql(
DROP TRIGGER timeline_text_evidence;
CREATE TRIGGER timeline_text_evidence AFTER INSERT ON evidence BEGIN
    INSERT INTO timeline_text (rowid, text, caption)
    VALUES (-new.id, new.name || char(65535), new.caption || char(65535));
    INSERT INTO timeline_text (rowid, caption) SELECT new.event_id, new.purpose || char(65535)
    WHERE new.purpose <> '' AND new.event_id IS NOT NULL;
END;
CREATE TRIGGER timeline_text_purpose AFTER INSERT ON event
WHEN new.kind = 'edited' AND substr(new.field, 1, 8) = 'purpose:' AND new.new_value <> '' BEGIN
    INSERT INTO timeline_text (rowid, caption) VALUES (new.id, new.new_value || char(65535));
END;
INSERT INTO timeline_text (rowid, caption)
SELECT event_id, purpose || char(65535) FROM evidence
WHERE purpose <> '' AND event_id IS NOT NULL ORDER BY event_id;
INSERT INTO timeline_text (rowid, caption)
SELECT id, new_value || char(65535) FROM event
WHERE kind = 'edited' AND substr(field, 1, 8) = 'purpose:' AND new_value <> '' ORDER BY id;
)sql",
    };
    return steps;
}

} // namespace complain
