#!/usr/bin/env python3
"""Writes a valid complain export (JSON Lines, format version 1) of N complaints with about M
events each, on standard output, for bench/import.sh. Each complaint has a `filed` event whose
change is the whole row (as complain's row_change writes it), then notes, edits and state changes
whose changes a replay can apply. Titles are Chinese. Deterministic for a given N, M and seed.

Usage: bench/gen_export.py COMPLAINTS [EVENTS_PER_COMPLAINT] > export.jsonl
"""
import json
import random
import sys
import uuid
from datetime import datetime, timedelta, timezone

complaints = int(sys.argv[1]) if len(sys.argv) > 1 else 100000
per = int(sys.argv[2]) if len(sys.argv) > 2 else 10
rng = random.Random(12)

def dumps(v):
    return json.dumps(v, ensure_ascii=False, separators=(",", ":"), sort_keys=True)

def q(s):
    return json.dumps(s, ensure_ascii=False)

def iso(t):
    return t.strftime("%Y-%m-%dT%H:%M:%SZ")

def uid(t=None):
    """A version 7 UUID as complain makes them: the milliseconds of `t` (when the event was
    recorded), then random bits; without `t`, a random version 4 one."""
    if t is None:
        return str(uuid.UUID(int=rng.getrandbits(128), version=4))
    ms = int(t.timestamp() * 1000) + rng.randrange(1000)
    n = (ms << 80) | (0x7 << 76) | (rng.getrandbits(12) << 64) | (0b10 << 62) | rng.getrandbits(62)
    return str(uuid.UUID(int=n))

shops = ["旗舰店", "数码专营店", "母婴用品店", "家电官方店", "生鲜超市", "服饰小店"]
things = ["退款不到账", "商品破损", "虚假宣传", "快递丢件", "拒绝七天无理由退货", "客服不回复"]
notes = ["客服说48小时内回复", "又打了一次电话，没人接", "上传了聊天记录截图", "对方承认是发错货",
         "平台介入中", "要求提供订单截图"]
base = datetime(2025, 1, 1, tzinfo=timezone.utc)
out = sys.stdout
w = out.write
w('{"complain":"export","version":1}\n')
events = 0
for n in range(complaints):
    created = base + timedelta(minutes=7 * n)
    cu = uid(created)
    due = created + timedelta(hours=48)
    title = f"{rng.choice(shops)}{rng.choice(things)}（订单{100000 + n}）"
    row = {
        "title": title, "body": "", "against": rng.choice(shops), "order": str(100000 + n),
        "product": "", "category": "", "want": "refund", "amount": rng.randrange(100, 100000),
        "recovered": None, "currency": "CNY", "tags": ["bench"], "ref": "", "state": "open",
        "channel": "seller", "level": 1, "created": iso(created), "deadline": "48h",
        "calendar": "cn", "zone": "Asia/Shanghai", "roll": False, "warning": "12h",
        "started": iso(created), "due": iso(due), "warn_at": iso(due - timedelta(hours=12)),
        "paused_at": None,
    }
    w(f'{{"type":"complaint","uuid":"{cu}"}}\n')
    def event(at, kind, text="", field=None, old=None, new=None, due_=None, change=None):
        global events
        events += 1
        w('{"type":"event","uuid":"%s","complaint":"%s","command":"%s","at":"%s","recorded":"%s",'
          '"kind":"%s","text":%s,"field":%s,"old":%s,"new":%s,"due":%s,"change":%s}\n' % (
              uid(at), cu, uid(at), iso(at), iso(at), kind, q(text),
              q(field) if field else "null", q(old) if old else "null",
              q(new) if new else "null", q(due_) if due_ else "null",
              dumps(change) if change is not None else "null"))
    event(created, "filed", title, due_=iso(due), change=row)
    at = created
    state = "open"
    for i in range(per - 1):
        at += timedelta(minutes=rng.randrange(1, 300))
        r = rng.random()
        if r < 0.6:
            event(at, "note", rng.choice(notes))
        elif r < 0.8:
            product = f"商品{rng.randrange(1000)}"
            event(at, "edited", "", "product", None, product, change={"product": product})
        else:
            new = "answered" if state == "open" else "open"
            event(at, "state", "", "state", state, new, change={"state": new})
            state = new
w('{"type":"end","complaints":%d,"events":%d,"evidence":0,"blobs":0}\n' % (complaints, events))
