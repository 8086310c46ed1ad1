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
);
INSERT INTO complaint VALUES(1,'35c30960-255b-4ed7-85c4-71da1c7bffbc','退款被拒','','某某旗舰店','3921',NULL,NULL,'refund',19900,NULL,'CNY',NULL,'open','taobao-app',2,'24h','cn','Asia/Shanghai',0,'6h','2026-11-20T02:00:00Z','2026-11-21T02:00:00Z','2026-11-20T20:00:00Z',NULL,'2026-11-18T01:00:00Z','2026-11-20T02:00:00Z');
INSERT INTO complaint VALUES(2,'7d017f76-6fdb-491b-b2ce-e471a6f9668b','Lost parcel SF123','','SF Express',NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL,'open','seller',1,'48h','cn','Asia/Shanghai',0,'12h','2026-11-20T02:00:00Z','2026-11-22T02:00:00Z','2026-11-21T14:00:00Z',NULL,'2026-11-20T02:00:00Z','2026-11-20T02:00:00Z');
INSERT INTO complaint VALUES(3,'88ee1122-65bf-4673-8691-b542c7915606','Wrong size','',NULL,NULL,NULL,NULL,NULL,5990,NULL,'CNY',NULL,'dropped','seller',1,'48h','cn','Asia/Shanghai',0,'12h','2026-11-20T02:00:00Z','2026-11-22T02:00:00Z','2026-11-21T14:00:00Z',NULL,'2026-11-20T02:00:00Z','2026-11-20T02:00:00Z');
CREATE TABLE tag (
    complaint_id INTEGER NOT NULL REFERENCES complaint (id),
    tag          TEXT NOT NULL,
    PRIMARY KEY (complaint_id, tag)
) WITHOUT ROWID;
INSERT INTO tag VALUES(2,'courier');
INSERT INTO tag VALUES(2,'lost');
INSERT INTO tag VALUES(1,'taobao');
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
INSERT INTO event VALUES(1,1,'2026-11-18T01:00:00Z','2026-11-20T02:00:00Z','filed','filed with 联系卖家 / seller directly','channel',NULL,'seller','2026-11-20T01:00:00Z');
INSERT INTO event VALUES(2,2,'2026-11-20T02:00:00Z','2026-11-20T02:00:00Z','filed','filed with 联系卖家 / seller directly','channel',NULL,'seller','2026-11-22T02:00:00Z');
INSERT INTO event VALUES(3,3,'2026-11-20T02:00:00Z','2026-11-20T02:00:00Z','filed','filed with 联系卖家 / seller directly','channel',NULL,'seller','2026-11-22T02:00:00Z');
INSERT INTO event VALUES(4,1,'2026-11-20T02:00:00Z','2026-11-20T02:00:00Z','contact','called the shop, 工号 8812 said wait',NULL,NULL,NULL,'2026-11-20T01:00:00Z');
INSERT INTO event VALUES(5,1,'2026-11-20T02:00:00Z','2026-11-20T02:00:00Z','answered','they refuse','state','open','answered','2026-11-20T01:00:00Z');
INSERT INTO event VALUES(6,1,'2026-11-20T02:00:00Z','2026-11-20T02:00:00Z','escalated','to the platform','channel','seller','taobao-app','2026-11-21T02:00:00Z');
INSERT INTO event VALUES(7,2,'2026-11-20T02:00:00Z','2026-11-20T02:00:00Z','edited','title: Lost parcel -> Lost parcel SF123','title','Lost parcel','Lost parcel SF123','2026-11-22T02:00:00Z');
INSERT INTO event VALUES(8,2,'2026-11-20T02:00:00Z','2026-11-20T02:00:00Z','edited','tags: courier -> courier,lost','tags','courier','courier,lost','2026-11-22T02:00:00Z');
INSERT INTO event VALUES(9,1,'2026-11-20T02:00:00Z','2026-11-20T02:00:00Z','attached','chat.txt (9 B, text/plain, sha256 2225ba831b0a)','evidence',NULL,'2225ba831b0a1f72a7ecebbbb265eab8fcb56c86707ce3ebaa15b16b1b1ca299','2026-11-21T02:00:00Z');
INSERT INTO event VALUES(10,3,'2026-11-20T02:00:00Z','2026-11-20T02:00:00Z','state','not worth it','state','open','dropped','2026-11-22T02:00:00Z');
INSERT INTO event VALUES(11,1,'2026-12-20T02:00:00Z','2026-12-20T02:00:00Z','flagged-overdue','overdue at taobao-app: due 2026-11-21 10:00',NULL,NULL,NULL,'2026-11-21T02:00:00Z');
INSERT INTO event VALUES(12,2,'2026-12-20T02:00:00Z','2026-12-20T02:00:00Z','flagged-overdue','overdue at seller: due 2026-11-22 10:00',NULL,NULL,NULL,'2026-11-22T02:00:00Z');
CREATE TABLE blob (
    id     INTEGER PRIMARY KEY,
    sha256 TEXT NOT NULL UNIQUE,            -- 64 lower-case hex digits
    size   INTEGER NOT NULL,                -- bytes
    type   TEXT NOT NULL,                   -- media type, from libmagic
    chunks INTEGER NOT NULL
);
INSERT INTO blob VALUES(1,'2225ba831b0a1f72a7ecebbbb265eab8fcb56c86707ce3ebaa15b16b1b1ca299',9,'text/plain',1);
CREATE TABLE chunk (
    blob_id INTEGER NOT NULL REFERENCES blob (id),
    seq     INTEGER NOT NULL,               -- 0, 1, 2, ...
    data    BLOB NOT NULL,
    PRIMARY KEY (blob_id, seq)
);
INSERT INTO chunk VALUES(1,0,X'63686174206c6f670a');
CREATE TABLE evidence (
    id           INTEGER PRIMARY KEY,
    complaint_id INTEGER NOT NULL REFERENCES complaint (id),
    sha256       TEXT NOT NULL REFERENCES blob (sha256),
    name         TEXT NOT NULL,
    caption      TEXT NOT NULL DEFAULT '',
    added        TEXT NOT NULL
);
INSERT INTO evidence VALUES(1,1,'2225ba831b0a1f72a7ecebbbb265eab8fcb56c86707ce3ebaa15b16b1b1ca299','chat.txt','the chat','2026-11-20T02:00:00Z');
PRAGMA writable_schema=ON;
INSERT INTO sqlite_schema(type,name,tbl_name,rootpage,sql)VALUES('table','complaint_text','complaint_text',0,'CREATE VIRTUAL TABLE complaint_text USING fts5 (
    title, body, against, product, order_no, ref,
    content = ''complaint'', content_rowid = ''id'', tokenize = ''trigram'')');
CREATE TABLE IF NOT EXISTS 'complaint_text_data'(id INTEGER PRIMARY KEY, block BLOB);
INSERT INTO complaint_text_data VALUES(1,X'0319000b000200');
INSERT INTO complaint_text_data VALUES(10,X'000000000109090009010101020101030101040101050101060101070101080101090101');
INSERT INTO complaint_text_data VALUES(137438953473,X'0000005e04303339320106010402010339323101060104030109e69797e888b0e5ba97010601020402089f90e69797e888b0010601020305059f90e6979701060102020208acbee8a2abe68b920102030109e98080e6acbee8a2ab010202040a0a100f0c0d');
INSERT INTO complaint_text_data VALUES(274877906945,X'0000009704302065780206010204020270610202060103617263020208010363656c02020a010365737302060102090202787002060102050103662065020601020301036c6f7302020201036f7374020203010370617202020702027265020601020701037263650202090202657302060102080103736620020601020202027420020204010374207002020501037870720206010206040a0708080a090a0808080908090a0708');
INSERT INTO complaint_text_data VALUES(412316860417,X'00000044043020736903020701036720730302060103697a6503020901036e672003020501036f6e670302040103726f6e030203010373697a030208010377726f0302020408080808080808');
INSERT INTO complaint_text_data VALUES(549755813889,X'0000005e04303339320107010402010339323101070104030109e69797e888b0e5ba97010701020402089f90e69797e888b0010701020305059f90e6979701070102020208acbee8a2abe68b920103030109e98080e6acbee8a2ab010302040a0a100f0c0d');
INSERT INTO complaint_text_data VALUES(687194767361,X'0000005e04303339320107010402010339323101070104030109e69797e888b0e5ba97010701020402089f90e69797e888b0010701020305059f90e6979701070102020208acbee8a2abe68b920103030109e98080e6acbee8a2ab010302040a0a100f0c0d');
INSERT INTO complaint_text_data VALUES(824633720833,X'0000005e04303339320107010402010339323101070104030109e69797e888b0e5ba97010701020402089f90e69797e888b0010701020305059f90e6979701070102020208acbee8a2abe68b920103030109e98080e6acbee8a2ab010302040a0a100f0c0d');
INSERT INTO complaint_text_data VALUES(962072674305,X'000000c104302065780207010204020270610203060202736602020d01033132330202100103617263020308010363656c02030a0103656c2002020b020273730207010209020278700207010205010366206502070102030202313202020f01036c207302020c02026f7302030201036f7374020303010370617202030702027265020701020701037263650203090202657302070102080103736620020701020203013102020e02027420020304010374207002030501037870720207010206040a07070808080809090a07080708080908090a060708');
INSERT INTO complaint_text_data VALUES(1099511627777,X'0000005e04303339320107010402010339323101070104030109e69797e888b0e5ba97010701020402089f90e69797e888b0010701020305059f90e6979701070102020208acbee8a2abe68b920103030109e98080e6acbee8a2ab010302040a0a100f0c0d');
INSERT INTO complaint_text_data VALUES(1236950581249,X'00000044043020736903030701036720730303060103697a6503030901036e672003030501036f6e670303040103726f6e030303010373697a030308010377726f0303020408080808080808');
CREATE TABLE IF NOT EXISTS 'complaint_text_idx'(segid, term, pgno, PRIMARY KEY(segid, term)) WITHOUT ROWID;
INSERT INTO complaint_text_idx VALUES(1,X'',2);
INSERT INTO complaint_text_idx VALUES(2,X'',2);
INSERT INTO complaint_text_idx VALUES(3,X'',2);
INSERT INTO complaint_text_idx VALUES(4,X'',2);
INSERT INTO complaint_text_idx VALUES(5,X'',2);
INSERT INTO complaint_text_idx VALUES(6,X'',2);
INSERT INTO complaint_text_idx VALUES(7,X'',2);
INSERT INTO complaint_text_idx VALUES(8,X'',2);
INSERT INTO complaint_text_idx VALUES(9,X'',2);
CREATE TABLE IF NOT EXISTS 'complaint_text_docsize'(id INTEGER PRIMARY KEY, sz BLOB);
INSERT INTO complaint_text_docsize VALUES(1,X'020003000200');
INSERT INTO complaint_text_docsize VALUES(2,X'0f0008000000');
INSERT INTO complaint_text_docsize VALUES(3,X'080000000000');
CREATE TABLE IF NOT EXISTS 'complaint_text_config'(k PRIMARY KEY, v) WITHOUT ROWID;
INSERT INTO complaint_text_config VALUES('version',4);
CREATE INDEX complaint_state_due ON complaint (state, due);
CREATE INDEX complaint_channel ON complaint (channel);
CREATE INDEX tag_by_name ON tag (tag);
CREATE INDEX event_timeline ON event (complaint_id, at, id);
CREATE TRIGGER event_no_update BEFORE UPDATE ON event
    BEGIN SELECT RAISE(ABORT, 'events are append-only'); END;
CREATE TRIGGER event_no_delete BEFORE DELETE ON event
    BEGIN SELECT RAISE(ABORT, 'events are append-only'); END;
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
CREATE TRIGGER complaint_text_update AFTER UPDATE ON complaint BEGIN
    INSERT INTO complaint_text (complaint_text, rowid, title, body, against, product, order_no, ref)
    VALUES ('delete', old.id, old.title, old.body, old.against, old.product, old.order_no, old.ref);
    INSERT INTO complaint_text (rowid, title, body, against, product, order_no, ref)
    VALUES (new.id, new.title, new.body, new.against, new.product, new.order_no, new.ref);
END;
PRAGMA writable_schema=OFF;
COMMIT;
