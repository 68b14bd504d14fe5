#!/usr/bin/env python3
"""An independent count of examples/montauban-2023, for the expected figures of
the tests (tests/it/example.rs). It reads the TOML files with Python's own
tomllib, not with contrat, and applies the counting rules of the README:

- only actions whose status is "funded", "completed" or "closed" (the
  default) count;
- an action's money (funding voted, cost) counts once, on its main priority
  (the first of `priorities`); a secondary priority counts the action only;
- by funder, each funder's voted amounts add up;
- the decree's sections (décret n° 2015-1118): a commune's actions are the
  counted actions with a quartier in it, its own funding what its funder
  voted; the EPCI's funding what its funder voted; the droit commun of the
  year per funder; the actions tied to a renewal project are the counted
  ones in its quartiers naming an entry it serves or one below (a priority
  `P p.o.n` is below `OS p.o` and `Pilier p`).
- an action's resources are its funding voted, its porteur's own funds
  (`own_funds`) and its other partners' amounts (`[action.partners]`); a
  counted action whose resources fall short of its cost is a funding gap;
- a priority whose counted actions all come from one porteur (the
  registry's spellings of a name are one) has a single porteur;
- a priority a counted action of the year before named, and none of the
  year's, is coverage lost.

Run it from the repository root:  python3 tests/oracle/montauban.py [YEAR]
It prints one JSON document; amounts are in cents, as integers.
"""

import json
import sys
import tomllib
from decimal import Decimal
from pathlib import Path

FOLDER = Path(__file__).resolve().parents[2] / "examples" / "montauban-2023"
COUNTED = {"funded", "completed", "closed"}


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
    def fold(text):
        import unicodedata
        text = unicodedata.normalize("NFD", text.lower())
        return "".join(c for c in text if c.isalnum())

    quartier_of = {}
    for q in contract.get("quartier", []):
        for spelling in [q.get("code"), q["name"], *q.get("aliases", [])]:
            if spelling:
                quartier_of[fold(spelling)] = q

    def quartiers(action):
        return [quartier_of[fold(w)] for w in action.get("quartiers", []) if fold(w) in quartier_of]

    def voted(action):
        return sum(cents(v) for v in action.get("funding", {}).values())

    communes = []
    for c in contract.get("commune", []):
        touching = [a for a in counted
                    if any(c["insee"] in q.get("communes", []) or c["name"] in q.get("communes", [])
                           for q in quartiers(a))]
        funder = c.get("funder")
        communes.append({
            "insee": c["insee"],
            "actions": len(touching),
            "funding": sum(voted(a) for a in touching),
            "own": funders.get(funder) if funder else None,
            "dsu": cents(c.get("dsu", {}).get(str(year), 0)) if str(year) in c.get("dsu", {}) else None,
        })
    epci = contract.get("epci", {})
    droit_commun = {}
    for d in contract.get("droit_commun", []):
        if d["year"] == year:
            droit_commun[d["funder"]] = droit_commun.get(d["funder"], 0) + cents(d["amount"])

    def within(code, entry):
        numbers = code.split(" ")[1].split(".")
        entry_numbers = entry.split(" ")[1].split(".")
        return numbers[:len(entry_numbers)] == entry_numbers

    projects = []
    for p in contract.get("npnru", []):
        names = {fold(q) for q in p["quartiers"]}
        own = [q for q in contract.get("quartier", [])
               if {fold(s) for s in [q.get("code"), q["name"], *q.get("aliases", [])] if s} & names]
        tied = [a for a in counted
                if any(q in own for q in quartiers(a))
                and any(within(c, e) for c in a["priorities"] for e in p.get("priorities", []))]
        projects.append({
            "name": p["name"],
            "actions": sorted(a["id"] for a in tied),
            "funding": sum(voted(a) for a in tied),
            "cost": sum(cents(a["cost"]) for a in tied if "cost" in a),
        })

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
    # Coverage lost: priorities some counted action of the year before named,
    # and none of this year's.
    before = {
        code for a in actions
        if a["year"] == year - 1 and a.get("status", "funded") in COUNTED
        for code in a["priorities"]
    }
    lost = sorted((c for c in before if not any(c in a["priorities"] for a in counted)), key=key)
    # One porteur, however its actions spell it: the registry's id, name or
    # aliases stand for its name.
    spelled = {}
    for r in contract.get("porteur", []):
        for spelling in [r["id"], r["name"], *r.get("aliases", [])]:
            spelled[fold(spelling)] = r["name"]
    single = [
        row["code"] for row in rows
        if row["actions"] > 0
        and len({spelled.get(fold(a["porteur"]), a["porteur"])
                 for a in counted if row["code"] in a["priorities"]}) == 1
    ]
    print(json.dumps({
        "year": year,
        "communes": communes,
        "epci_funding": funders.get(epci.get("funder")) if epci.get("funder") else None,
        "droit_commun": droit_commun,
        "npnru": projects,
        "counted_actions": len(counted),
        "by_priority": rows,
        "priorities_with_actions": sum(1 for r in rows if r["actions"] > 0),
        "funding": sum(r["funding"] for r in rows),
        "cost": sum(r["cost"] for r in rows),
        "by_funder": funders,
        "resources": sum(resources(a) for a in counted),
        "funding_gaps": funding_gaps,
        "lost_coverage": lost,
        "single_porteur": single,
    }, ensure_ascii=False, indent=1))


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 2023)
