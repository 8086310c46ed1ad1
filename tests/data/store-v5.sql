PRAGMA foreign_keys=OFF;
BEGIN TRANSACTION;
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
, undone INTEGER NOT NULL DEFAULT 0, flagged INTEGER NOT NULL DEFAULT 0, credit_code TEXT, follow_up INTEGER NOT NULL DEFAULT 0);
INSERT INTO complaint VALUES(1,'01a210d3-10b5-7001-8146-71f871947870','退款被拒','','某某旗舰店',NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL,'open','seller',1,'48h','cn','Asia/Shanghai',0,'12h','2026-11-20T02:00:00Z','2026-11-22T02:00:00Z','2026-11-21T14:00:00Z',NULL,'2026-11-20T02:00:00Z','2026-11-21T02:00:00Z',0,0,NULL,0);
CREATE TABLE tag (
    complaint_id INTEGER NOT NULL REFERENCES complaint (id),
    tag          TEXT NOT NULL,
    PRIMARY KEY (complaint_id, tag)
) WITHOUT ROWID;
CREATE TABLE blob (
    id     INTEGER PRIMARY KEY,
    sha256 TEXT NOT NULL UNIQUE,            -- 64 lower-case hex digits
    size   INTEGER NOT NULL,                -- bytes
    type   TEXT NOT NULL,                   -- media type, from libmagic
    chunks INTEGER NOT NULL
, content TEXT NOT NULL DEFAULT 'kept'
    CHECK (content IN ('kept', 'redacted', 'absent')));
INSERT INTO blob VALUES(1,'d03a7ba834457c81580617b90aac6f6505232f556952fcb7fabb3a740b1c2170',5,'text/plain',1,'kept');
INSERT INTO blob VALUES(2,'6afd9c1cbf495f9221fe5f9d03d4f0e962babd83fd293c696e69686510611a63',8,'text/plain',1,'kept');
CREATE TABLE chunk (
    blob_id INTEGER NOT NULL REFERENCES blob (id),
    seq     INTEGER NOT NULL,               -- 0, 1, 2, ...
    data    BLOB NOT NULL,
    PRIMARY KEY (blob_id, seq)
);
INSERT INTO chunk VALUES(1,0,X'636861740a');
INSERT INTO chunk VALUES(2,0,X'726563656970740a');
CREATE TABLE evidence (
    id           INTEGER PRIMARY KEY,
    complaint_id INTEGER NOT NULL REFERENCES complaint (id),
    sha256       TEXT NOT NULL REFERENCES blob (sha256),
    name         TEXT NOT NULL,
    caption      TEXT NOT NULL DEFAULT '',
    added        TEXT NOT NULL
, event_id INTEGER REFERENCES event (id), purpose TEXT NOT NULL DEFAULT '');
INSERT INTO evidence VALUES(1,1,'d03a7ba834457c81580617b90aac6f6505232f556952fcb7fabb3a740b1c2170','chat.txt','WeChat chat','2026-11-20T02:00:00Z',2,'证明卖家拒绝退款');
INSERT INTO evidence VALUES(2,1,'6afd9c1cbf495f9221fe5f9d03d4f0e962babd83fd293c696e69686510611a63','receipt.txt','','2026-11-20T02:00:00Z',3,'');
PRAGMA writable_schema=ON;
INSERT INTO sqlite_schema(type,name,tbl_name,rootpage,sql)VALUES('table','complaint_text','complaint_text',0,'CREATE VIRTUAL TABLE complaint_text USING fts5 (
    title, body, against, product, order_no, ref,
    content = ''complaint'', content_rowid = ''id'', tokenize = ''trigram'')');
CREATE TABLE IF NOT EXISTS 'complaint_text_data'(id INTEGER PRIMARY KEY, block BLOB);
INSERT INTO complaint_text_data VALUES(1,X'01020003000000');
INSERT INTO complaint_text_data VALUES(10,X'000000000101010001010101');
INSERT INTO complaint_text_data VALUES(137438953473,X'0000004a0a30e69797e888b0e5ba97010601020402089f90e69797e888b0010601020305059f90e6979701060102020208acbee8a2abe68b920102030109e98080e6acbee8a2ab01020204100f0c0d');
CREATE TABLE IF NOT EXISTS 'complaint_text_idx'(segid, term, pgno, PRIMARY KEY(segid, term)) WITHOUT ROWID;
INSERT INTO complaint_text_idx VALUES(1,X'',2);
CREATE TABLE IF NOT EXISTS 'complaint_text_docsize'(id INTEGER PRIMARY KEY, sz BLOB);
INSERT INTO complaint_text_docsize VALUES(1,X'020003000000');
CREATE TABLE IF NOT EXISTS 'complaint_text_config'(k PRIMARY KEY, v) WITHOUT ROWID;
INSERT INTO complaint_text_config VALUES('version',4);
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
INSERT INTO event VALUES(1,'01a210d3-10bf-7005-88ce-ad064f644fb4','01a210d3-10bf-7006-8aab-440488fd2313',1,'2026-11-20T02:00:00Z','2026-11-20T02:00:00Z','filed','filed with 联系卖家 / seller directly','channel',NULL,'seller','2026-11-22T02:00:00Z','{"against":"某某旗舰店","amount":null,"body":"","calendar":"cn","category":"","channel":"seller","created":"2026-11-20T02:00:00Z","credit_code":"","currency":"","deadline":"48h","due":"2026-11-22T02:00:00Z","follow_up":false,"level":1,"order":"","paused_at":null,"product":"","recovered":null,"ref":"","roll":false,"started":"2026-11-20T02:00:00Z","state":"open","tags":[],"title":"退款被拒","want":"","warn_at":"2026-11-21T14:00:00Z","warning":"12h","zone":"Asia/Shanghai"}',NULL);
INSERT INTO event VALUES(2,'01a210d3-10d4-7005-b897-fcc1be9b7fbd','01a210d3-10d4-7006-b17e-9bb0b92ad4cf',1,'2026-11-20T02:00:00Z','2026-11-20T02:00:00Z','attached','chat.txt (5 B, text/plain, sha256 d03a7ba83445)','evidence',NULL,'d03a7ba834457c81580617b90aac6f6505232f556952fcb7fabb3a740b1c2170','2026-11-22T02:00:00Z',NULL,NULL);
INSERT INTO event VALUES(3,'01a210d3-10ea-7001-900b-c567adc7ecb1','01a210d3-10ea-7002-b34b-0fead4f7937e',1,'2026-11-20T02:00:00Z','2026-11-20T02:00:00Z','attached','receipt.txt (8 B, text/plain, sha256 6afd9c1cbf49)','evidence',NULL,'6afd9c1cbf495f9221fe5f9d03d4f0e962babd83fd293c696e69686510611a63','2026-11-22T02:00:00Z',NULL,NULL);
INSERT INTO event VALUES(4,'01a210d3-10f9-7003-8db9-720a6ab66cf9','01a210d3-10f9-7004-b680-def3139b579a',1,'2026-11-21T02:00:00Z','2026-11-21T02:00:00Z','edited','purpose of receipt.txt (sha256 6afd9c1cbf49): (none) -> 证明已付款金额','purpose:6afd9c1cbf495f9221fe5f9d03d4f0e962babd83fd293c696e69686510611a63',NULL,'证明已付款金额','2026-11-22T02:00:00Z',NULL,NULL);
INSERT INTO event VALUES(5,'01a210d3-1102-7003-8f91-6deb36396c54','01a210d3-1102-7004-94d4-fea25c14e008',1,'2026-11-20T02:00:00Z','2026-11-20T02:00:00Z','note','客服工号 8812 说会回电',NULL,NULL,NULL,'2026-11-22T02:00:00Z',NULL,NULL);
CREATE TABLE cancelled (
    event_id     INTEGER PRIMARY KEY REFERENCES event (id),
    complaint_id INTEGER NOT NULL REFERENCES complaint (id)
);
INSERT INTO sqlite_schema(type,name,tbl_name,rootpage,sql)VALUES('table','timeline_text','timeline_text',0,'CREATE VIRTUAL TABLE timeline_text USING fts5 (
    text, caption, content = '''', tokenize = ''trigram'')');
CREATE TABLE IF NOT EXISTS 'timeline_text_data'(id INTEGER PRIMARY KEY, block BLOB);
INSERT INTO timeline_text_data VALUES(1,X'031e0a');
INSERT INTO timeline_text_data VALUES(10,X'000000000103030003010101020101030101');
INSERT INTO timeline_text_data VALUES(137438953473,X'000000e60430206368ffffffffffffffffff0601010801032e7478ffffffffffffffffff02060103617420ffffffffffffffffff0601010603012effffffffffffffffff02040303efbfbdffffffffffffffffff0601010b0103636861ffffffffffffffffff0a02010104070103656368ffffffffffffffffff060101030103686174ffffffffffffffffff0a03010105070103742063ffffffffffffffffff0601010702022e74ffffffffffffffffff020502027874ffffffffffffffffff02070103776563ffffffffffffffffff0601010201057874efbfbdffffffffffffffffff0208041210120e12141214120f0f12');
INSERT INTO timeline_text_data VALUES(274877906945,X'000000a404302e7478fffffffffffffffffe02090103636569fffffffffffffffffe02040103656365fffffffffffffffffe020302026970fffffffffffffffffe02050103697074fffffffffffffffffe0206010370742efffffffffffffffffe02070103726563fffffffffffffffffe02020103742e74fffffffffffffffffe020802027874fffffffffffffffffe020a01057874efbfbdfffffffffffffffffe020b041010100f101010100f');
INSERT INTO timeline_text_data VALUES(412316860417,X'0000009104302038380502060206e8afb4e4bc9a05020b010331322005020901053220e8afb405020a0103383132050208020238310502070109e4bc9ae59b9ee794b505020d0105e58fb7203805020502089b9ee794b5efbfbd05020e0208aea2e69c8de5b7a50502020206b7a5e58fb7200502040109e69c8de5b7a5e58fb70502030109e8afb4e4bc9ae59b9e05020c04080b080a08070e0a0d0d0b0e');
CREATE TABLE IF NOT EXISTS 'timeline_text_idx'(segid, term, pgno, PRIMARY KEY(segid, term)) WITHOUT ROWID;
INSERT INTO timeline_text_idx VALUES(1,X'',2);
INSERT INTO timeline_text_idx VALUES(2,X'',2);
INSERT INTO timeline_text_idx VALUES(3,X'',2);
CREATE TABLE IF NOT EXISTS 'timeline_text_docsize'(id INTEGER PRIMARY KEY, sz BLOB);
INSERT INTO timeline_text_docsize VALUES(-2,X'0a00');
INSERT INTO timeline_text_docsize VALUES(-1,X'070a');
INSERT INTO timeline_text_docsize VALUES(5,X'0d00');
CREATE TABLE IF NOT EXISTS 'timeline_text_config'(k PRIMARY KEY, v) WITHOUT ROWID;
INSERT INTO timeline_text_config VALUES('version',4);
INSERT INTO sqlite_schema(type,name,tbl_name,rootpage,sql)VALUES('table','timeline_terms','timeline_terms',0,'CREATE VIRTUAL TABLE timeline_terms USING fts5vocab (timeline_text, ''instance'')');
CREATE INDEX complaint_state_due ON complaint (state, due);
CREATE INDEX complaint_channel ON complaint (channel);
CREATE INDEX tag_by_name ON tag (tag);
CREATE INDEX evidence_by_complaint ON evidence (complaint_id);
CREATE INDEX evidence_by_blob ON evidence (sha256);
CREATE TRIGGER complaint_text_insert AFTER INSERT ON complaint BEGIN
    INSERT INTO complaint_text (rowid, title, body, against, product, order_no, ref)
    VALUES (new.id, new.title, new.body, new.against, new.product, new.order_no, new.ref);
END;
CREATE TRIGGER complaint_text_delete AFTER DELETE ON complaint BEGIN
    INSERT INTO complaint_text (complaint_text, rowid, title, body, against, product, order_no, ref)
    VALUES ('delete', old.id, old.title, old.body, old.against, old.product, old.order_no, old.ref);
END;
CREATE INDEX event_timeline ON event (complaint_id, at, id);
CREATE INDEX event_recorded ON event (recorded);
CREATE TRIGGER event_no_delete BEFORE DELETE ON event
    BEGIN SELECT RAISE(ABORT, 'events are append-only'); END;
CREATE TRIGGER event_no_update BEFORE UPDATE ON event
    BEGIN SELECT RAISE(ABORT, 'events are append-only'); END;
CREATE INDEX complaint_created ON complaint (created, uuid);
CREATE INDEX cancelled_by_complaint ON cancelled (complaint_id);
CREATE UNIQUE INDEX evidence_by_event ON evidence (event_id);
CREATE TRIGGER complaint_text_update AFTER UPDATE OF title, body, against, product, order_no, ref
ON complaint BEGIN
    INSERT INTO complaint_text (complaint_text, rowid, title, body, against, product, order_no, ref)
    VALUES ('delete', old.id, old.title, old.body, old.against, old.product, old.order_no, old.ref);
    INSERT INTO complaint_text (rowid, title, body, against, product, order_no, ref)
    VALUES (new.id, new.title, new.body, new.against, new.product, new.order_no, new.ref);
END;
CREATE INDEX complaint_unflagged ON complaint (due) WHERE (state = 'open' OR follow_up = 1)
    AND flagged = 0 AND undone = 0 AND due IS NOT NULL;
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
CREATE INDEX complaint_running ON complaint (due, id, state, follow_up, undone, flagged, warn_at,
    channel, deadline, deadline_calendar, deadline_zone, deadline_roll, level, title, against,
    uuid, order_no, ref) WHERE (state = 'open' OR follow_up = 1) AND undone = 0
    AND due IS NOT NULL;
PRAGMA writable_schema=OFF;
COMMIT;
