#!/usr/bin/env python3
"""Converts the public recurrence vectors into kalends' case-file format.

Kept as documentation of how `tests/data/{libical,dateutil,icaljs}.txt` were
made; the tests read only those files. Run from the repository root with the
vectors checked out next to it:

    python3 rrule/tests/convert_vectors.py /path/to/shared/vectors rrule/tests/data

Hand-reviewed divergences are kept in `overrides` below: for each, the
expected instances follow RFC 5545 / RFC 8984 and the reference's own list is
kept in `reference:`.

Classification done here: when the reference's first instance is not DTSTART
(or it has none), the reference did not produce an unsynchronised DTSTART.
The case then asserts the reference list under the `if-matching` option
(DTSTART only when the rule generates it) and, by default, DTSTART followed by
the reference list (shortened by one when COUNT or a limit bounds it), as RFC
5545 §3.8.5.3 counts DTSTART as the first instance.
"""
import json
import re
import sys

UNSYNC = ("unsynchronised DTSTART: the reference does not produce a DTSTART "
          "the rule does not match; RFC 5545 §3.8.5.3 counts it as the first instance")


def compact(v):
    v = v.strip()
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", v):
        return v.replace("-", "")
    m = re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(Z?)", v)
    if m:
        return "%s%s%sT%s%s%s%s" % m.groups()
    return v


def wrap(key, values):
    out = key + ":"
    line = out
    lines = []
    for i, v in enumerate(values):
        piece = (" " if i == 0 else ",") + v
        if len(line) + len(piece) > 100:
            lines.append(line + ("," if i else ""))
            line = "  " + v
        else:
            line += piece
    lines.append(line)
    return "\n".join(lines)


def record(source, dtstart, rrule, ref, bound, limit=None, start_at=None, note=None, override=None):
    lines = ["source: " + source]
    if note:
        lines.append("note: " + note)
    lines.append("dtstart: " + dtstart)
    lines.append("rrule: " + rrule)
    if start_at:
        lines.append("start-at: " + start_at)
    if limit is not None:
        lines.append("limit: %d" % limit)
    if override and "oracle" in override:
        override = dict(override)
        got = oracle(dtstart, override["oracle"])
        override["expect-if-matching"] = got
        m = re.search(r"COUNT=(\d+)", rrule)
        n = int(m.group(1)) if m else limit
        override["expect"] = got if got[:1] == [dtstart] else ([dtstart] + got)[:n]
    if override:
        lines.append("divergence: " + override["reason"])
        if "expect" in override:
            lines.append(wrap("expect", override["expect"]))
        if "error" in override:
            lines.append("error: " + override["error"])
        lines.append(wrap("reference", ref))
        if "expect-if-matching" in override:
            lines.append(wrap("expect-if-matching", override["expect-if-matching"]))
        return "\n".join(lines)
    if start_at is None and (not ref or ref[0] != dtstart):
        n = None
        m = re.search(r"COUNT=(\d+)", rrule)
        if m:
            n = int(m.group(1))
        elif limit is not None:
            n = limit
        expect = [dtstart] + (ref[: n - 1] if n is not None else ref)
        lines.append("divergence: " + UNSYNC)
        lines.append(wrap("expect", expect))
        lines.append(wrap("expect-if-matching", ref))
        return "\n".join(lines)
    lines.append(wrap("expect", ref))
    return "\n".join(lines)


def oracle(dtstart, rule):
    """python-dateutil on a rule whose implied parts are written out."""
    from dateutil.rrule import rrulestr
    fmt = "%Y%m%dT%H%M%S"
    return [d.strftime(fmt) for d in rrulestr("DTSTART:%s\nRRULE:%s" % (dtstart, rule))]


def load_overrides(path):
    try:
        with open(path) as f:
            return json.load(f)
    except FileNotFoundError:
        return {}


def libical(vectors, overrides):
    text = open(vectors + "/libical/icalrecur_test.txt").read()
    out = []
    for i, block in enumerate(re.split(r"\n\s*\n", text.strip())):
        fields = {}
        comments = []
        for line in block.splitlines():
            if line.startswith("#"):
                comments.append(line.lstrip("# ").strip())
            elif ":" in line:
                k, v = line.split(":", 1)
                fields[k.strip()] = v.strip()
        if "RRULE" not in fields:
            continue
        n = len(out) + 1
        src = "libical icalrecur_test.txt #%d%s" % (n, (" (" + "; ".join(comments) + ")") if comments else "")
        inst = fields["INSTANCES"]
        ov = overrides.get("libical #%d" % n)
        ref = [] if inst.startswith("***") else [v for v in inst.split(",") if v]
        if "START-AT" in fields:
            # libical's harness compares only the instances at or after START-AT.
            ref = [v for v in ref if v >= fields["START-AT"]]
        if inst.startswith("***") and not ov:
            raise SystemExit("libical #%d: error case needs an override" % n)
        out.append(record(src, fields["DTSTART"], fields["RRULE"].rstrip(";") if False else fields["RRULE"],
                          ref, None, start_at=fields.get("START-AT"), override=ov))
    return out


def dateutil(vectors, overrides):
    data = json.load(open(vectors + "/dateutil/test_rrule_vectors.json"))
    out = []
    for i, case in enumerate(data):
        n = i + 1
        m = re.match(r"DTSTART:(\S+)\nRRULE:(\S+)", case["rule"])
        dtstart, rrule = m.groups()
        limit = None
        if case["semantics"].startswith("first"):
            limit = len(case["expected"])
        src = "python-dateutil test_rrule.py %s (#%d)" % (case["test"], n)
        out.append(record(src, dtstart, rrule, case["expected"], None, limit=limit,
                          override=overrides.get("dateutil #%d" % n)))
    return out


def icaljs(vectors, overrides):
    data = json.load(open(vectors + "/icaljs/recur_iterator_cases.json"))
    out = []
    for i, case in enumerate(data):
        n = i + 1
        dates = [compact(d) for d in case.get("dates", [])]
        dtstart = compact(case["dtStart"]) if "dtStart" in case else dates[0]
        rule = case["rule"]
        limit = None
        if case.get("noInstance"):
            limit = 1
        elif not case.get("byCount") and not case.get("until"):
            limit = len(dates)
        src = "ical.js recur_iterator_test.js %s (#%d)" % (case["suite"].split(" > ")[-1], n)
        out.append(record(src, dtstart, rule, dates, None, limit=limit,
                          override=overrides.get("icaljs #%d" % n)))
    return out


def main():
    vectors, outdir = sys.argv[1], sys.argv[2]
    overrides = load_overrides(outdir + "/../overrides.json")
    header = ("# Recurrence cases transcribed from %s (see tests/convert_vectors.py).\n"
              "# Format: see tests/recurrence_cases.rs.\n\n")
    for name, fn, what in [("libical", libical, "libical HEAD src/test/icalrecur_test.txt"),
                           ("dateutil", dateutil, "python-dateutil tests/test_rrule.py"),
                           ("icaljs", icaljs, "ical.js test/recur_iterator_test.js")]:
        recs = fn(vectors, overrides)
        with open("%s/%s.txt" % (outdir, name), "w") as f:
            f.write(header % what)
            f.write("\n\n".join(recs))
            f.write("\n")
        print(name, len(recs))


main()
