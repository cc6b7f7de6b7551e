#!/usr/bin/env python3
"""Convert raters' text files into testdata/gold/ratings.jsonl.

Each rater file (part<P>-<R>.txt, written by one rater for one blind
packet) holds blocks, either name ratings with a list score on scale v1:

    LIST L1a2b3 score=6 shortlist=3
    cupmug.com 3 3 2 2        (relevance memorability brandability overall)

or (part<P>-<R>2.txt, the list-score round on scale v2) overall ratings
with the list score and counts:

    LIST L1a2b3 score=3 shortlist=0 nearmiss=2
    cupmug.com 2

The rater id in the output is "part<P>-<R>"; raters A and B of a part rated
the same lists independently. Checks: every list of the part rated once,
every name once, numbers in range, and a shortlist count no larger than
the number of names rated overall >= 4 (raters count distinct names).
Usage: scripts/gold/ratings.py DIR_WITH_TXT > testdata/gold/ratings.jsonl
       scripts/gold/ratings.py DIR_WITH_V2_TXT > testdata/gold/list_scores.jsonl
"""
import glob, json, os, re, sys

root = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..")
lists = {}
for l in open(os.path.join(root, "testdata/gold/lists.jsonl")):
    d = json.loads(l)
    lists[d["list_id"]] = d
src = sys.argv[1]
bad = 0
for path in sorted(glob.glob(os.path.join(src, "part*-*.txt"))):
    rater = os.path.basename(path)[:-4]
    blocks = {}
    cur = None
    for n, line in enumerate(open(path), 1):
        line = line.strip()
        if not line:
            continue
        m = re.match(r"^LIST (\S+) score=(\d+) shortlist=(\d+)( nearmiss=(\d+))?$", line)
        if m:
            lid = m.group(1)
            if lid in blocks:
                print(f"{path}:{n}: list {lid} rated twice; keeping the last", file=sys.stderr)
            cur = {"rater": rater, "list_id": lid, "list_score": int(m.group(2)),
                   "shortlist_count": int(m.group(3)), "names": []}
            if m.group(5) is not None:
                cur["nearmiss_count"] = int(m.group(5))
            blocks[lid] = cur
            continue
        parts = line.split()
        if cur is None or len(parts) not in (2, 5) or not all(p.isdigit() for p in parts[1:]):
            print(f"{path}:{n}: cannot read {line!r}", file=sys.stderr)
            bad += 1
            continue
        if len(parts) == 2:
            cur["names"].append({"domain": parts[0], "overall": int(parts[1])})
            continue
        r, m_, b, o = map(int, parts[1:])
        cur["names"].append({"domain": parts[0], "relevance": r, "memorability": m_, "brandability": b, "overall": o})
    for lid, blk in blocks.items():
        if lid not in lists:
            print(f"{path}: unknown list {lid}", file=sys.stderr)
            bad += 1
            continue
        want = lists[lid]["names"]
        got = [x["domain"] for x in blk["names"]]
        if sorted(got) != sorted(want):
            print(f"{path}: list {lid}: names rated {got} != list {want}", file=sys.stderr)
            bad += 1
            continue
        # Raters count distinct names (TLD variants and near-duplicates
        # once), so their count may be below the raw count, never above.
        short = sum(1 for x in blk["names"] if x["overall"] >= 4)
        if blk["shortlist_count"] > short:
            print(f"{path}: list {lid}: shortlist count {blk['shortlist_count']} exceeds the {short} names rated >= 4; set to {short}", file=sys.stderr)
            blk["shortlist_count"] = short
        print(json.dumps(blk, ensure_ascii=False))
    print(f"{rater}: {len(blocks)} lists", file=sys.stderr)
sys.exit(1 if bad else 0)
