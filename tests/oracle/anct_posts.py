#!/usr/bin/env python3
"""An independent count of the ANCT's post files, for the real-data test of
`contrat import` (tests/it/realdata.rs). It reads the JSON with Python's own
json module, not with contrat, and applies the rules of issue 13:

- a row belongs to a contract when its `code_cv` holds the contract's code,
  alone or run together with another (`CV380CV384` belongs to both);
- a row without `code_cv` belongs to no contract;
- a row that repeats an earlier one exactly is counted once;
- a second row for a post number and year already read is not counted (the
  first is kept);
- an amount is summed in cents through its decimal text, never a float sum.

    anct_posts.py CODE_CV FILE...

prints one JSON document: per file and in all, the number of posts and their
amount in cents, and the rows of each kind left aside.
"""

import json
import re
import sys
from decimal import Decimal


def cents(value):
    return int(Decimal(str(value)) * 100)


def count(path, code):
    with open(path, encoding="utf-8") as f:
        rows = json.load(f)
    seen_rows, seen_posts = set(), set()
    posts, amount, lacking, repeats, shared = 0, 0, 0, 0, 0
    for row in rows:
        cv = row.get("code_cv")
        if not cv:
            lacking += 1
            continue
        if code not in re.findall(r"CV\d{3}", cv) and cv != code:
            continue
        whole = json.dumps(row, sort_keys=True)
        if whole in seen_rows:
            repeats += 1
            continue
        seen_rows.add(whole)
        key = (row["id_poste"], int(row["annee"]))
        if key in seen_posts:
            shared += 1
            continue
        seen_posts.add(key)
        posts += 1
        amount += cents(row["montant"])
    return {"posts": posts, "amount_cents": amount, "without_code_cv": lacking,
            "repeats": repeats, "shared": shared}


def main(code, paths):
    files = {path.rsplit("/", 1)[-1]: count(path, code) for path in paths}
    print(json.dumps({
        "code_cv": code,
        "files": files,
        "posts": sum(f["posts"] for f in files.values()),
        "amount_cents": sum(f["amount_cents"] for f in files.values()),
    }, indent=1))


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2:])
