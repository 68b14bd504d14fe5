#!/usr/bin/env python3
"""An independent count of examples/montauban-2023, for the expected figures of
the tests (tests/it/example.rs). It reads the TOML files with Python's own
tomllib, not with contrat, and applies the counting rules of the README:

- only actions whose status is "funded" or "completed" (the default) count;
- an action's money (funding voted, cost) counts once, on its main priority
  (the first of `priorities`); a secondary priority counts the action only;
- by funder, each funder's voted amounts add up;
- an action's resources are its funding voted, its porteur's own funds
  (`own_funds`) and its other partners' amounts (`[action.partners]`); a
  counted action whose resources fall short of its cost is a funding gap.

Run it from the repository root:  python3 tests/oracle/montauban.py [YEAR]
It prints one JSON document; amounts are in cents, as integers.
"""

import json
import sys
import tomllib
from decimal import Decimal
from pathlib import Path

FOLDER = Path(__file__).resolve().parents[2] / "examples" / "montauban-2023"
COUNTED = {"funded", "completed"}


def cents(value):
    # Through the decimal text, never through a float's rounding.
    return int(Decimal(str(value)) * 100)


def main(year):
    contract = tomllib.loads((FOLDER / "contrat.toml").read_text(encoding="utf-8"))
    priorities, actions = [], []
    for path in sorted(FOLDER.glob("*.toml")):
        if path.name == "contrat.toml":
            continue
        data = tomllib.loads(path.read_text(encoding="utf-8"))
        priorities += [p["code"] for p in data.get("priority", [])]
        actions += data.get("action", [])

    def key(code):
        return tuple(int(n) for n in code.split(" ")[1].split("."))

    priorities.sort(key=key)
    counted = [
        a for a in actions
        if a["year"] == year and a.get("status", "funded") in COUNTED
    ]
    rows = []
    for code in priorities:
        naming = [a for a in counted if code in a["priorities"]]
        main = [a for a in naming if a["priorities"][0] == code]
        rows.append({
            "code": code,
            "actions": len(naming),
            "main_actions": len(main),
            "funding": sum(cents(v) for a in main for v in a.get("funding", {}).values()),
            "cost": sum(cents(a["cost"]) for a in main if "cost" in a),
        })
    funders = {
        funder: sum(cents(a.get("funding", {}).get(funder, 0)) for a in counted)
        for funder in contract["funders"]
    }

    def resources(a):
        return (sum(cents(v) for v in a.get("funding", {}).values())
                + cents(a.get("own_funds", 0))
                + sum(cents(v) for v in a.get("partners", {}).values()))

    funding_gaps = [
        {"id": a["id"], "cost": cents(a["cost"]), "resources": resources(a),
         "missing": cents(a["cost"]) - resources(a)}
        for a in sorted(counted, key=lambda a: a["id"])
        if "cost" in a and resources(a) < cents(a["cost"])
    ]
    print(json.dumps({
        "year": year,
        "counted_actions": len(counted),
        "by_priority": rows,
        "priorities_with_actions": sum(1 for r in rows if r["actions"] > 0),
        "funding": sum(r["funding"] for r in rows),
        "cost": sum(r["cost"] for r in rows),
        "by_funder": funders,
        "resources": sum(resources(a) for a in counted),
        "funding_gaps": funding_gaps,
    }, ensure_ascii=False, indent=1))


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 2023)
