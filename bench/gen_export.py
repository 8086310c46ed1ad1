#!/usr/bin/env python3
"""Writes a valid complain export (JSON Lines, format version 1) of N complaints with about M
events each, on standard output, for bench/import.sh. Each complaint has a `filed` event whose
change is the whole row (as complain's row_change writes it), then notes, edits and state changes
whose changes a replay can apply. Titles are Chinese. Deterministic for a given N, M and seed.

With --mix (bench/gen, bench/scale.sh), the complaints are a realistic mix as of the instant
NOW (default 2026-11-20T02:00:00Z, 10:00 in Beijing): see mixed() below.

Usage: bench/gen_export.py COMPLAINTS [EVENTS_PER_COMPLAINT] > export.jsonl
       bench/gen_export.py --mix [--now INSTANT] COMPLAINTS [EVENTS_PER_COMPLAINT] > export.jsonl
"""
import base64
import bisect
import hashlib
import json
import random
import shutil
import sys
import tempfile
import uuid
from datetime import datetime, timedelta, timezone

args = sys.argv[1:]
mix = "--mix" in args
if mix:
    args.remove("--mix")
now_text = "2026-11-20T02:00:00Z"
if "--now" in args:
    i = args.index("--now")
    now_text = args[i + 1]
    del args[i:i + 2]
complaints = int(args[0]) if len(args) > 0 else 100000
per = int(args[1]) if len(args) > 1 else 10
rng = random.Random(12)
w = sys.stdout.write

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

# The realistic mix (--mix). Each complaint is filed with a channel of the built-in config and
# lives through stints of the ladder until NOW: answered in time or late, paused (and resumed or
# not), dropped, escalated after its due passed (and flagged overdue by a daily cron at 09:00
# Beijing time, most of the time, before that); some were abandoned half-way, which leaves open
# complaints long overdue. Between those: notes and contacts in Chinese (customer-service chat
# phrases, agents' 工号), edits, evidence with names and captions. Deadlines are counted as
# complain counts them, except that working days skip weekends only (no holidays, no 调休).
CHANNELS = {  # key: name, deadline, warning, next, calendar, roll
    "seller": ("联系卖家 / seller directly", "48h", "12h", "taobao-app", "cn", False),
    "taobao-app": ("淘宝 App 投诉", "24h", "6h", "taobao-written", "cn", False),
    "taobao-hotline": ("淘宝客服热线", "24h", "6h", "taobao-written", "cn", False),
    "taobao-written": ("书面投诉", "7wd", "2wd", "alibaba-group", "cn", False),
    "alibaba-group": ("阿里巴巴集团投诉", "7wd", "2wd", "12315", "cn", False),
    "12315-odr": ("12315 ODR 在线纠纷解决", "10wd", "3wd", "12315", "cn", False),
    "12315": ("全国12315平台 / 市场监管部门", "7wd", "2wd", "court", "cn", False),
    "consumer-association": ("消费者协会", None, None, "court", "cn", False),
    "blackcat": ("黑猫投诉", "7d", "2d", "12315", "cn", False),
    "social": ("社交媒体 (微博, 微信, 抖音, 小红书, 知乎)", "3d", "1d", "12315", "cn", False),
    "email": ("官方邮箱", "7wd", "2wd", "taobao-written", "cn", False),
    "court": ("人民法院 (small claims)", "7d", "2d", None, "cn", True),
    "cfpb": ("US Consumer Financial Protection Bureau", "15d", "4d", None, "weekends", False),
}
FIRST = [("seller", 40), ("taobao-app", 18), ("taobao-hotline", 5), ("blackcat", 8),
         ("12315-odr", 5), ("12315", 5), ("email", 6), ("social", 5),
         ("consumer-association", 3), ("court", 1), ("cfpb", 1), ("taobao-written", 3)]
SHOPS = ["某某旗舰店", "优品数码专营店", "宝贝母婴用品店", "美的家电官方店", "盒马鲜生超市",
         "潮流服饰小店", "京东自营", "拼多多百亿补贴店", "顺丰速运", "中通快递", "携程旅行",
         "美团外卖", "中国移动营业厅", "小米之家", "华为授权体验店", "健身房会员中心"]
ISSUES = ["拒绝退款", "商品破损", "虚假宣传", "快递丢件", "拒绝七天无理由退货", "客服不回复",
          "发错货", "质量问题不给换", "价格欺诈", "会员费自动续费", "退款不到账", "物流迟迟不更新",
          "收到假货", "外卖超时未送达", "维修后故障依旧", "少发配件"]
DETAILS = ["客服一直推脱", "已经等了一个多星期", "申请售后被驳回", "商家态度恶劣",
           "要求全额退款", "平台介入也没有结果", "聊天记录已截图保存", "电话打不通",
           "说好的赔偿没有兑现", "订单显示已签收但没收到"]
PRODUCTS = ["手机", "笔记本电脑", "空气炸锅", "婴儿奶粉", "羽绒服", "运动鞋", "扫地机器人",
            "蓝牙耳机", "电动牙刷", "大闸蟹礼盒", "机票", "健身卡", "洗衣机", "充电宝"]
CATEGORIES = ["退款", "质量问题", "物流", "虚假宣传", "售后", "价格欺诈", "服务态度", ""]
WANTS = ["refund", "replacement", "compensation", "apology", "refund", ""]
TAGS = ["taobao", "jd", "pdd", "快递", "urgent", "双十一", "618", "家电", "数码", "外卖"]
CHAT = ["亲，您的问题已经登记了，请耐心等待", "亲，这边已经帮您反馈给仓库了哦",
        "非常抱歉给您带来不好的购物体验", "已经为您加急处理，请耐心等待",
        "请您提供一下订单截图和商品照片", "亲，这个需要联系快递公司核实",
        "我们会在48小时内给您答复", "亲亲，退款会原路返回的哦"]
NOTES = ["客服{agent}说：{chat}", "打电话给客服，{agent}说{chat}", "在线客服（{agent}）回复：{chat}",
         "又催了一次，{agent}还是说{chat}", "{agent}承认是发错货，答应补发", "上传了聊天记录截图",
         "平台介入中，{agent}说{chat}", "商家说仓库在核实，让我再等等", "对方要求提供开箱视频",
         "快递说包裹在中转站丢失，{agent}登记了"]
EVIDENCE = [("订单截图.png", "image/png", "订单页面截图"), ("聊天记录.png", "image/png", "和客服的聊天记录"),
            ("物流信息.png", "image/png", "物流停在中转站"), ("开箱视频截图.jpg", "image/jpeg", "开箱时商品已破损"),
            ("发票.pdf", "application/pdf", "购买发票"), ("通话录音说明.txt", "text/plain", "电话内容整理"),
            ("商品照片.jpg", "image/jpeg", "收到的商品"), ("退款申请记录.png", "image/png", "退款申请被驳回")]
AGENTS = [f"工号 {n}" for n in random.Random(7).sample(range(1000, 10000), 400)] + ["工号 8812"] * 4
BEIJING = timedelta(hours=8)
DAY = timedelta(days=1)


def pick(weighted):
    total = sum(w for _, w in weighted)
    x = rng.uniform(0, total)
    for value, w in weighted:
        x -= w
        if x <= 0:
            return value
    return weighted[-1][0]


def end_of_local_day(day):
    """24:00 Beijing of a local date, as a UTC datetime."""
    return datetime(day.year, day.month, day.day, 16, tzinfo=timezone.utc)


def working(day):
    return day.weekday() < 5


def compute_due(start, deadline, roll):
    if deadline is None:
        return None
    n, unit = int(deadline.rstrip("hwd")), deadline.lstrip("0123456789")
    if unit == "h":
        return start + timedelta(hours=n)
    day = (start + BEIJING).date()
    if unit == "d":
        day += timedelta(days=n)
        while roll and not working(day):
            day += DAY
    else:
        while n:
            day += DAY
            n -= working(day)
    return end_of_local_day(day)


def warn_start(due, warning):
    if due is None:
        return None
    n, unit = int(warning.rstrip("hwd")), warning.lstrip("0123456789")
    if unit == "h":
        return due - timedelta(hours=n)
    day = (due - BEIJING - timedelta(seconds=1)).date()
    if unit == "d":
        return end_of_local_day(day - timedelta(days=n))
    while n:
        day -= DAY
        n -= working(day)
    return end_of_local_day(day)


def clock(key, start):
    name, deadline, warning, nxt, calendar, roll = CHANNELS[key]
    due = compute_due(start, deadline, roll)
    return {"channel": key, "deadline": deadline or "", "warning": warning or "",
            "calendar": calendar if deadline else "", "zone": "Asia/Shanghai" if deadline else "",
            "roll": roll, "started": iso(start), "due": iso(due) if due else None,
            "warn_at": iso(warn_start(due, warning)) if due else None}


def title_text():
    t = rng.choice(SHOPS) + rng.choice(ISSUES)
    if rng.random() < 0.6:
        t += "，" + rng.choice(DETAILS)
    if rng.random() < 0.4:
        t += f"（订单尾号{rng.randrange(1000, 10000)}）"
    while len(t) < 10:
        t += "，请尽快处理"
    return t[:40]


def mixed():
    now = datetime.strptime(now_text, "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=timezone.utc)
    ages = sorted((730 * rng.random() ** 2 * DAY + timedelta(minutes=rng.randrange(30, 600))
                   for _ in range(complaints)), reverse=True)
    blobs = {}  # sha256 -> (size, type, content)
    # The complaints' lines go after the blobs they name: into a temporary file meanwhile.
    body = tempfile.TemporaryFile("w+", encoding="utf-8")
    counts = {"events": 0, "evidence": 0}
    for n, age in enumerate(ages):
        created = now - age
        body.writelines(one_complaint(n, created, now, blobs, counts))
    w('{"complain":"export","version":1}\n')
    for sha in sorted(blobs):
        size, media, content = blobs[sha]
        w(f'{{"type":"blob","sha256":"{sha}","size":{size},"media_type":"{media}"}}\n')
        w(f'{{"type":"chunk","sha256":"{sha}","seq":0,"data":"{base64.b64encode(content).decode()}"}}\n')
    body.seek(0)
    shutil.copyfileobj(body, sys.stdout)
    w('{"type":"end","complaints":%d,"events":%d,"evidence":%d,"blobs":%d}\n' % (
        complaints, counts["events"], counts["evidence"], len(blobs)))


def one_complaint(n, created, now, blobs, counts):
    cu = uid(created)
    first = pick(FIRST)
    row = {"title": title_text(), "body": "", "against": rng.choice(SHOPS), "order": "",
           "product": rng.choice(PRODUCTS), "category": rng.choice(CATEGORIES),
           "want": rng.choice(WANTS), "amount": None, "recovered": None, "currency": "",
           "tags": sorted(set(rng.sample(TAGS, rng.choice([0, 1, 1, 2, 3])))), "ref": "",
           "state": "open", "level": 1, "created": iso(created), "paused_at": None}
    if rng.random() < 0.25:
        row["against"] += " 客服" + rng.choice(AGENTS)
    if rng.random() < 0.5:
        row["body"] = "；".join(rng.sample(CHAT + DETAILS, rng.randrange(1, 4))) + "。"
    if rng.random() < 0.7:
        row["order"] = str(rng.randrange(10**11, 10**12))
    if rng.random() < 0.7:
        row["amount"], row["currency"] = rng.randrange(500, 500000), "CNY"
    row.update(clock(first, created))
    # The structural events: (at, kind, text, field, old, new, change); the row's clock is
    # tracked in `row` as each one applies.
    plan = [(created, "filed", f"filed with {CHANNELS[first][0]}", "channel", None, first, dict(row))]
    due_at = [(created, row["due"])]  # the due in force from each instant on
    t = created
    abandoned = rng.random() < 0.2  # nobody looks at it again after some point
    stop_after = rng.randrange(1, 4) if abandoned else 99
    stints = 0
    while stints < stop_after:
        stints += 1
        due = datetime.strptime(row["due"], "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=timezone.utc) \
            if row["due"] else None
        span = (due - t) if due else timedelta(days=rng.randrange(5, 40))
        nxt = CHANNELS[row["channel"]][3]
        r = rng.random()
        if row["state"] == "answered":
            at = t + timedelta(minutes=rng.randrange(60, 5 * 24 * 60))
            if at > now:
                break
            if r < 0.6 or not nxt:
                change = {"state": "resolved"}
                if row["amount"] and rng.random() < 0.6:
                    change["recovered"] = rng.randrange(0, row["amount"] + 1)
                plan.append((at, "state", "", "state", "answered", "resolved", change))
                row.update(change)
                break
            if r < 0.85:
                plan += escalate(at, row, nxt, "对答复不满意")
                due_at.append((at, row["due"]))
                t = at
                continue
            break  # stays answered
        if r < 0.45:  # answered in time
            at = t + span * rng.uniform(0.1, 0.95)
        elif r < 0.55:  # answered late
            at = (due or t + span) + timedelta(minutes=rng.randrange(60, 5 * 24 * 60))
        elif r < 0.63:  # the channel asked for more: paused
            at = t + span * rng.uniform(0.1, 0.8)
            if at > now:
                break
            plan.append((at, "paused", "对方要求补充材料", "state", "open", "paused",
                         {"paused_at": iso(at), "state": "paused"}))
            row.update(state="paused", paused_at=iso(at))
            back = at + timedelta(minutes=rng.randrange(12 * 60, 12 * 24 * 60))
            if rng.random() < 0.25 or back > now:
                break  # still paused
            if due:  # hours extend by the time paused; days by the days the pause covered
                unit = row["deadline"].lstrip("0123456789")
                due += (back - at) if unit == "h" else ((back + BEIJING).date() - (at + BEIJING).date())
                row["due"] = iso(due)
                row["warn_at"] = iso(warn_start(due, row["warning"]))
            change = {"due": row["due"], "paused_at": None, "state": "open", "warn_at": row["warn_at"]}
            plan.append((back, "resumed", "", "state", "paused", "open", change))
            row.update(change)
            due_at.append((back, row["due"]))
            t = back
            stints -= 1
            continue
        elif r < 0.67:  # given up
            at = t + span * rng.uniform(0.1, 1.5)
            if at > now:
                break
            plan.append((at, "state", rng.choice(["", "太麻烦了，不追究了"]), "state", row["state"],
                         "dropped", {"state": "dropped"}))
            row["state"] = "dropped"
            break
        else:  # no answer: escalated once the due has passed
            at = (due or t + span) + timedelta(minutes=rng.randrange(60, 4 * 24 * 60))
            if at > now:
                break
            if not nxt:
                at = min(at, now - timedelta(minutes=1))
            if nxt:
                flag(plan, due, at, row)
                plan += escalate(at, row, nxt, rng.choice(["", "超时未处理", "客服不回复，升级投诉"]))
                due_at.append((at, row["due"]))
                t = at
                continue
        if at > now:
            break
        flag(plan, due, at, row)
        plan.append((at, "answered", rng.choice(["", "对方回复了"]), "state", "open", "answered",
                     {"state": "answered"}))
        row["state"] = "answered"
        t = at
    if row["state"] == "open" and row["due"]:  # overdue now: mostly flagged by yesterday's cron
        due = datetime.strptime(row["due"], "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=timezone.utc)
        flag(plan, due, now, row, 0.85)
    last = max(p[0] for p in plan)
    end = min(now, last + timedelta(days=rng.randrange(1, 20)))
    # Fillers, to about `per` events in all.
    fillers = []
    for _ in range(max(0, per - len(plan) + rng.randrange(-3, 4))):
        at = created + (end - created) * rng.random()
        r = rng.random()
        if r < 0.75:
            text = rng.choice(NOTES).format(agent=rng.choice(AGENTS), chat=rng.choice(CHAT))
            fillers.append((at, rng.choice(["note", "note", "contact"]), text, None, None, None, None))
        elif r < 0.9:
            field = rng.choice(["product", "order", "ref"])
            fillers.append((at, "edited", field, field, None, None, None))
        else:
            name, media, caption = rng.choice(EVIDENCE)
            fillers.append((at, "attached", name, media, caption, None, None))
    events = sorted(plan + fillers, key=lambda p: p[0])
    lines = [f'{{"type":"complaint","uuid":"{cu}"}}\n']
    links = []
    prev = None
    dues = [d for _, d in due_at]
    starts = [a for a, _ in due_at]
    current = {"product": row_first(plan, "product"), "order": row_first(plan, "order"),
               "ref": row_first(plan, "ref")}
    for at, kind, text, field, old, new, change in events:
        at = at.replace(microsecond=0)
        if prev and at <= prev:
            at = prev + timedelta(seconds=1)
        prev = at
        due = dues[bisect.bisect_right(starts, at) - 1]
        eu = uid(at)
        if kind == "edited":
            value = {"product": lambda: rng.choice(PRODUCTS) + rng.choice(["", "（换货）", " Pro"]),
                     "order": lambda: str(rng.randrange(10**11, 10**12)),
                     "ref": lambda: f"TS{rng.randrange(10**9, 10**10)}"}[field]()
            old = current[field] or None
            current[field] = value
            text = f"{field}: {old or '(none)'} -> {value}"
            new, change = value, {field: value}
        elif kind == "attached":
            name, media, caption = text, field, old
            content = (b"\x89PNG\r\n\x1a\n" if media == "image/png" else b"") + rng.randbytes(
                rng.randrange(200, 1200))
            sha = hashlib.sha256(content).hexdigest()
            blobs[sha] = (len(content), media, content)
            text = f"{name} ({len(content)} B, {media}, sha256 {sha[:12]})"
            field, old, new = "evidence", None, sha
            links.append(f'{{"type":"evidence","complaint":"{cu}","event":"{eu}","sha256":"{sha}",'
                         f'"name":{q(name)},"caption":{q(caption)},"added":"{iso(at)}"}}\n')
        lines.append(
            '{"type":"event","uuid":"%s","complaint":"%s","command":"%s","at":"%s","recorded":"%s",'
            '"kind":"%s","text":%s,"field":%s,"old":%s,"new":%s,"due":%s,"change":%s}\n' % (
                eu, cu, uid(at), iso(at), iso(at), kind, q(text), q(field) if field else "null",
                q(old) if old else "null", q(new) if new else "null", q(due) if due else "null",
                dumps(change) if change is not None else "null"))
    counts["events"] += len(events)
    counts["evidence"] += len(links)
    return lines + links


def row_first(plan, field):
    return plan[0][6][field]


def escalate(at, row, nxt, text):
    before = dict(row)
    row.update(clock(nxt, at))
    row["level"] += 1
    row["state"], row["paused_at"] = "open", None
    change = {k: v for k, v in row.items() if before.get(k) != v}
    return [(at, "escalated", text, "channel", before["channel"], nxt, change)]


def flag(plan, due, until, row, chance=0.8):
    """The daily cron (09:00 Beijing) flagged the due between its passing and `until`."""
    if due is None or until <= due:
        return
    first_run = datetime(due.year, due.month, due.day, 1, tzinfo=timezone.utc)
    if first_run < due:
        first_run += DAY
    if first_run < until and rng.random() < chance:
        local = (due + BEIJING).strftime("%Y-%m-%d %H:%M")
        plan.append((first_run, "flagged-overdue", f"overdue at {row['channel']}: due {local}",
                     None, None, None, None))


if mix:
    mixed()
    sys.exit(0)

shops = ["旗舰店", "数码专营店", "母婴用品店", "家电官方店", "生鲜超市", "服饰小店"]
things = ["退款不到账", "商品破损", "虚假宣传", "快递丢件", "拒绝七天无理由退货", "客服不回复"]
notes = ["客服说48小时内回复", "又打了一次电话，没人接", "上传了聊天记录截图", "对方承认是发错货",
         "平台介入中", "要求提供订单截图"]
base = datetime(2025, 1, 1, tzinfo=timezone.utc)
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
