#!/usr/bin/env python3
"""Checks a catalogue against the code's messages: every message translated (none fuzzy), and
every translation's placeholders those of its English.

    po/check.py po/zh_CN.po complain.pot

Messages are fmt format strings: {} (numbered in order), {0}, {:>5}, {1:>5}; {{ and }} are
braces. A translation may reorder them ({1} ... {0}) but must format the same arguments with
the same specs. The one freedom: a placeholder glued to the end of a word in the English
("complaint{}") is a plural ending, which a language without plurals leaves out.
Exit status 1, with each problem on a line, when something is wrong.
"""
import re
import sys


def unquote(s):
    return bytes(s, "utf-8").decode("unicode_escape").encode("latin-1").decode("utf-8")


def entries(path):
    """(flags, (msgctxt, msgid), msgstr) of each live entry of a PO file."""
    out, flags, field, parts = [], set(), None, {}

    def close():
        if "msgid" in parts:
            key = (parts.get("msgctxt"), parts["msgid"])
            out.append((set(flags), key, parts.get("msgstr", "")))

    for raw in open(path, encoding="utf-8"):
        line = raw.rstrip("\n")
        if line.startswith("#~"):
            continue
        if line.startswith("#,"):
            close()
            parts, field, flags = {}, None, set(f.strip() for f in line[2:].split(","))
            continue
        if line.startswith("#") or not line.strip():
            continue
        m = re.match(r'(msgid|msgstr|msgctxt|msgid_plural|msgstr\[\d+\])\s+"(.*)"$', line)
        if m:
            starts = m.group(1) == "msgctxt" or (m.group(1) == "msgid" and field != "msgctxt")
            if starts and field is not None:
                close()
                parts, flags = {}, set()
            field = m.group(1)
            parts[field] = unquote(m.group(2))
            continue
        m = re.match(r'"(.*)"$', line)
        if m and field:
            parts[field] += unquote(m.group(1))
    close()
    return out


def placeholders(text):
    """[(index, spec, glued)] of an fmt format string; raises ValueError on a malformed one."""
    found, auto, i = [], 0, 0
    automatic = manual = False
    while i < len(text):
        c = text[i]
        if c in "{}" and text[i:i + 2] in ("{{", "}}"):
            i += 2
            continue
        if c == "}":
            raise ValueError("a lone '}'")
        if c == "{":
            end = text.find("}", i)
            if end < 0:
                raise ValueError("a '{' not closed")
            body = text[i + 1:end]
            name, _, spec = body.partition(":")
            if name == "":
                if manual:
                    raise ValueError("{} after {N}: fmt numbers all or none")
                index, auto, automatic = auto, auto + 1, True
            elif name.isdigit():
                if automatic:
                    raise ValueError("{N} after {}: fmt numbers all or none")
                index, manual = int(name), True
            else:
                raise ValueError(f"named argument {{{name}}}")
            glued = i > 0 and text[i - 1].isalpha() and text[i - 1].isascii()
            found.append((index, spec, glued))
            i = end + 1
            continue
        i += 1
    return found


def check(po, pot=None):
    problems = []
    live = entries(po)
    translated = {key: (flags, msgstr) for flags, key, msgstr in live if key[1]}
    if pot:
        for _, key, _ in entries(pot):
            if not key[1]:
                continue
            got = translated.get(key)
            name = repr(key[1]) if key[0] is None else f"{key[1]!r} ({key[0]})"
            if got is None or not got[1]:
                problems.append(f"not translated: {name}")
            elif "fuzzy" in got[0]:
                problems.append(f"fuzzy (check it, then drop the flag): {name}")
    for (_, msgid), (flags, msgstr) in translated.items():
        if not msgstr:
            continue
        try:
            want = placeholders(msgid)
        except ValueError as e:
            problems.append(f"{e} in the English: {msgid!r}")
            continue
        try:
            got = placeholders(msgstr)
        except ValueError as e:
            problems.append(f"{e} in the translation of {msgid!r}: {msgstr!r}")
            continue
        need = {(i, s) for i, s, glued in want if not glued}
        allowed = {(i, s) for i, s, _ in want}
        have = {(i, s) for i, s, _ in got}
        if not need <= have or not have <= allowed:
            problems.append(f"placeholders differ: {msgid!r} -> {msgstr!r}")
    return problems


if __name__ == "__main__":
    if len(sys.argv) not in (2, 3):
        sys.exit(__doc__)
    problems = check(sys.argv[1], sys.argv[2] if len(sys.argv) == 3 else None)
    for p in problems:
        print(p)
    sys.exit(1 if problems else 0)
