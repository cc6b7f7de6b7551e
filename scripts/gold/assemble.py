#!/usr/bin/env python3
"""Assemble the list-level gold set's lists and the raters' blind packets.

Inputs (see docs/judge.md, "List-level gold"):
  testdata/gold/descriptions.jsonl      160 descriptions written for this set
  runs/gold/<config>/results.jsonl      `domaingen eval --no-judge` output per model configuration
  testdata/gold/strong.jsonl            lists written to docs/naming-guidelines.md
Outputs:
  testdata/gold/lists.jsonl             one line per list; list_id is a random opaque id
  <packets>/<partition>-<rater>.md      blind packets: descriptions and lists shuffled per rater,
                                        no configuration named
Deterministic (seed 7): rerunning gives the same ids and packets.
"""
import json, os, random, sys

root = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..")
os.chdir(root)
packets = sys.argv[1] if len(sys.argv) > 1 else "runs/gold/packets"
CONFIGS = {  # gold name -> runs/gold folder (None: testdata/gold/strong.jsonl)
    "smollm2-base": "smollm2-base",
    "smollm2-r3": "smollm2-r3",
    "fallback": "fallback",
    "qwen0.5b-fewshot": "qwen05-fewshot",
    "qwen1.5b-fewshot": "qwen15-fewshot",
    "strong": None,
}
descs = [json.loads(l) for l in open("testdata/gold/descriptions.jsonl")]
byid = {d["id"]: d for d in descs}
names = {}  # (config, id) -> [names]
confs = {}  # (config, id) -> [served confidence of each name]
for cfg, folder in CONFIGS.items():
    if folder is None:
        for l in open("testdata/gold/strong.jsonl"):
            r = json.loads(l)
            names[(cfg, r["description_id"])] = r["names"]
        continue
    for l in open(f"runs/gold/{folder}/results.jsonl"):
        r = json.loads(l)
        if r.get("status") != "success" or not r.get("domain"):
            continue
        names.setdefault((cfg, r["id"]), []).append((r["rank"], r["domain"], r["confidence"]))
    for k in [k for k in names if k[0] == cfg]:
        ranked = sorted(names[k])
        names[k] = [d for _, d, _ in ranked]
        confs[k] = [c for _, _, c in ranked]
rng = random.Random(7)
lists = []
used = set()
for d in descs:
    for cfg in CONFIGS:
        ns = names.get((cfg, d["id"]))
        if not ns:
            print(f"warning: no list of {cfg} for {d['id']}", file=sys.stderr)
            continue
        while True:
            lid = "L%05x" % rng.randrange(16**5)
            if lid not in used:
                used.add(lid)
                break
        l = {"list_id": lid, "description_id": d["id"], "description": d["description"],
             "config": cfg, "split": d["split"], "names": ns}
        if (cfg, d["id"]) in confs:
            l["confidences"] = confs[(cfg, d["id"])]
        lists.append(l)
with open("testdata/gold/lists.jsonl", "w") as f:
    for l in lists:
        f.write(json.dumps(l, ensure_ascii=False) + "\n")
print(f"{len(lists)} lists, {sum(len(l['names']) for l in lists)} names", file=sys.stderr)

# Blind packets: 3 partitions of the descriptions, two raters each, each
# rater with their own order of descriptions and of lists.
os.makedirs(packets, exist_ok=True)
ids = [d["id"] for d in descs]
parts = [ids[i::3] for i in range(3)]
bydesc = {}
for l in lists:
    bydesc.setdefault(l["description_id"], []).append(l)
for p, part in enumerate(parts, 1):
    for rater in "AB":
        r = random.Random(f"{p}{rater}")
        order = part[:]
        r.shuffle(order)
        with open(f"{packets}/part{p}-{rater}.md", "w") as f:
            f.write(f"# Rating packet part {p}, rater {rater}: {len(order)} descriptions\n\n")
            for i, did in enumerate(order, 1):
                ls = bydesc[did][:]
                r.shuffle(ls)
                f.write(f"## Description {i} of {len(order)}\n\n> {byid[did]['description']}\n\n")
                for l in ls:
                    f.write(f"List {l['list_id']}:\n")
                    for n in l["names"]:
                        f.write(f"    {n}\n")
                    f.write("\n")
print("packets in", packets, file=sys.stderr)
