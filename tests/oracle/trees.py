#!/usr/bin/env python3
"""An independent reader of contract folders that declare their own tree (a
`[tree]` table in contrat.toml: issue 12, the format of /work/notes/tree-format.md),
for the expected figures of the tests on examples/axes-2030, examples/enjeux-2030
and examples/thematiques-2030. It reads the TOML files with Python's own tomllib,
never with contrat, and shares no code with it.

The counting rule (the tool's rule): an action counts when its status is neither
"rejected" nor "cancelled" (so "proposed", "funded" — the default — and
"completed" count).

What it checks (any problem: the list on standard error, exit 1):
- each code matches the code form of its level; codes are unique in the whole
  contract (tree entries and transversal entries);
- numbering has no holes: top level and transversal family 1..k, a `{n}` level
  below the top 1..k across the whole level, a `{path}` level 1..m under each
  parent; a `{path}` code starts with its parent's numbers, and that parent exists;
- each entry sits in the file of its top-level entry; `parent`, when written,
  names the entry the code says (and is required for `{n}`/`{id}` levels at depth
  3 or 4);
- every `serves` code exists and is of a level listed in `[tree] actions`; an
  action sits in the file of the top-level entry of its first code; transversal
  codes exist; `renews` names an action of an earlier year;
- every quartier reference of an action resolves to one quartier by code, name or
  alias, compared without regard to case, accents, spaces or dashes; quartier
  codes match QP + 6 (QP082001) or QN + 5 + a capital letter (QN03701M); each
  quartier's communes are declared communes (by INSEE code or name);
- funders are declared, amounts are euros with at most two decimals, the funding
  voted is at most the cost when the cost is known; years lie in the period;
  publics are from the contract's `publics`.

Run it from the repository root:

    python3 tests/oracle/trees.py examples/enjeux-2030          # check only
    python3 tests/oracle/trees.py examples/enjeux-2030 2025     # check, then the figures

With a year it prints one JSON document of the figures the tool should give for
that year (amounts in cents, as integers):
- "levels": for each level, per entry in contract order: "actions" = counted
  actions naming it or an entry below it; "main_actions" = those whose main code
  (the first of `serves`) is it or below it; "funding" = funding voted (all
  funders) of the main ones; "cost" = the sum of their costs when every one of
  them states it, else null; "cost_known" = how many of them state a cost;
  "cost_stated" = the sum of the costs stated;
- "transversal", "quartiers": per entry, the counted actions naming it and their
  funding voted, in full (an action counts in each row it names);
- "communes": per commune, the counted actions with at least one quartier in that
  commune (once per commune, whatever the number of its quartiers there) and
  their funding voted;
- "total": the counted actions, their funding voted and costs.
"""

import json
import re
import sys
import tomllib
import unicodedata
from decimal import Decimal
from pathlib import Path

# The tool counts funded and completed actions unless told otherwise.
NOT_COUNTED = {"proposed", "rejected", "cancelled"}
STATUSES = ["proposed", "funded", "rejected", "cancelled", "completed"]

QUARTIER_CODE = re.compile(r"^(QP\d{2}[0-9AB]\d{3}|QN\d{2}[0-9AB]\d{2}[A-Z])$")
INSEE = re.compile(r"^(\d{5}|2[AB]\d{3})$")
SIREN = re.compile(r"^\d{9}$")
LEVEL_KEY = re.compile(r"^[a-z0-9_]+$")
FUNDER_ID = re.compile(r"^[A-Za-z0-9_-]+$")
NUMBER = r"[1-9][0-9]*"
IDENT = r"(?:[^\W_]|-)+"  # letters, digits and `-`

CONTRACT_KEYS = ["title", "territory", "period", "language", "source", "publics", "epci",
                 "tree", "funders", "transversal", "commune", "quartier", "check", "labels", "post"]
POST_KEYS = ["number", "kind", "porteur", "year", "amount", "quartier"]
ACTION_KEYS = ["id", "title", "porteur", "year", "serves", "description", "transversal",
               "quartiers", "publics", "cost", "beneficiaries", "status", "renews", "tags",
               "funding", "requested", "indicator"]
# Keys that entries of the levels actions may name also take.
NAMEABLE_KEYS = ["emphasis", "publics", "protocole", "note", "accepted_gap"]

problems = []


def problem(where, message):
    problems.append(f"{where}: {message}")


def loose(text):
    """A quartier reference as compared: no case, accents, spaces or dashes."""
    decomposed = unicodedata.normalize("NFKD", text)
    bare = "".join(c for c in decomposed if not unicodedata.combining(c))
    return "".join(c for c in bare.casefold() if c not in " \t-‐‑–—")


def cents(value, where):
    """Euros (an integer or a decimal with at most two places) in integer cents."""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        problem(where, f"{value!r} is not an amount")
        return 0
    amount = Decimal(str(value))  # through the decimal text, never a float's rounding
    if amount < 0 or amount.as_tuple().exponent < -2 or amount > 10**12:
        problem(where, f"{value!r} is not an amount of euros with at most two decimals")
        return 0
    return int(amount * 100)


def load(path):
    try:
        return tomllib.loads(path.read_text(encoding="utf-8-sig"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as error:
        problem(path, f"cannot be read: {error}")
        return {}


class Form:
    """A code form such as `Enjeu {n}`, `O {path}`, `{id}`: one placeholder."""

    def __init__(self, text, where):
        self.text = text
        found = re.findall(r"\{(n|path|id)\}", text)
        if len(found) != 1 or text.count("{") != 1 or text.count("}") != 1:
            problem(where, f"code form `{text}` must hold exactly one of {{n}}, {{path}}, {{id}}")
            found = ["id"]
        self.kind = found[0]
        self.prefix, _, self.suffix = text.partition("{" + self.kind + "}")
        middle = {"n": NUMBER, "path": NUMBER + r"(?:\." + NUMBER + ")+", "id": IDENT}[self.kind]
        self.pattern = re.compile("^" + re.escape(self.prefix) + "(" + middle + ")"
                                  + re.escape(self.suffix) + "$")

    def numbered(self):
        return self.kind in ("n", "path")

    def parse(self, code):
        """The numbers (a tuple) or the identifier a code holds, or None."""
        match = self.pattern.fullmatch(code) if isinstance(code, str) else None
        if not match:
            return None
        if self.kind == "id":
            return match.group(1)
        return tuple(int(n) for n in match.group(1).split("."))

    def write(self, value):
        if self.kind == "id":
            return self.prefix + value + self.suffix
        return self.prefix + ".".join(str(n) for n in value) + self.suffix


class Entry:
    def __init__(self, level, code, value, table, file, position):
        self.level = level          # index in [tree] levels, 0 = top
        self.code = code
        self.value = value          # numbers (tuple) or identifier
        self.table = table
        self.file = file
        self.position = position    # (file index, index in the file): the written order
        self.parent = None          # the parent Entry
        self.children = []


def need(table, key, kind, where):
    value = table.get(key)
    if not isinstance(value, kind):
        problem(where, f"`{key}` is missing or not a {kind.__name__}")
        return None
    return value


def unknown_keys(table, allowed, where):
    for key in table:
        if key not in allowed:
            problem(where, f"unknown key `{key}`")


def read(folder):
    folder = Path(folder)
    contract_path = folder / "contrat.toml"
    c = str(contract_path)
    contract = load(contract_path)
    unknown_keys(contract, CONTRACT_KEYS, c)
    need(contract, "title", str, c)
    need(contract, "territory", str, c)
    period = need(contract, "period", dict, c) or {}
    first, last = period.get("from"), period.get("to")
    if not (isinstance(first, int) and isinstance(last, int) and 1900 <= first <= last <= 2200):
        problem(c, "`period` must be { from, to } with 1900 <= from <= to <= 2200")
    if contract.get("language", "en") not in ("en", "fr"):
        problem(c, "`language` must be \"en\" or \"fr\"")
    publics = contract.get("publics", [])
    epci = contract.get("epci")
    if epci is not None:
        if not isinstance(epci, dict) or not isinstance(epci.get("name"), str):
            problem(c, "`epci` must be { name, siren }")
        elif not SIREN.fullmatch(str(epci.get("siren", ""))):
            problem(c, f"epci SIREN `{epci.get('siren')}` is not 9 digits")

    # The tree.
    tree = need(contract, "tree", dict, c) or {}
    unknown_keys(tree, ["levels", "actions", "transversal"], c + " [tree]")
    levels = tree.get("levels", [])
    if not 1 <= len(levels) <= 4:
        problem(c, f"[tree] levels: 1 to 4 levels, not {len(levels)}")
    forms, keys = [], []
    for i, level in enumerate(levels):
        where = f"{c} [tree] level {i + 1}"
        unknown_keys(level, ["key", "label", "plural", "code"], where)
        key = need(level, "key", str, where) or f"?{i}"
        if not LEVEL_KEY.fullmatch(key) or key in keys or key in ("action", "code", "title"):
            problem(where, f"level key `{key}` is not lower-case letters, digits, `_`, or is taken")
        keys.append(key)
        need(level, "label", str, where)
        need(level, "plural", str, where)
        forms.append(Form(level.get("code", "{id}"), where))
        if forms[i].kind == "path" and (i == 0 or not forms[i - 1].numbered()):
            problem(where, "a {path} level needs a numbered level above it")
    if not forms:
        return None
    nameable = tree.get("actions", keys[-1:])
    for key in nameable:
        if key not in keys:
            problem(c, f"[tree] actions names `{key}`, which is no level")
    nameable_levels = {keys.index(k) for k in nameable if k in keys}

    # Transversal family and its entries.
    family = tree.get("transversal")
    family_form = None
    if family is not None:
        unknown_keys(family, ["label", "plural", "code"], c + " [tree] transversal")
        family_form = Form(family.get("code", "{n}"), c + " [tree] transversal")
    transversals = []
    for t in contract.get("transversal", []):
        code = t.get("code")
        if family_form is None or family_form.parse(code) is None:
            problem(c, f"transversal `{code}` does not match the transversal code form")
        else:
            transversals.append((code, family_form.parse(code)))
        need(t, "title", str, f"{c} transversal {code}")
    if family_form is not None and family_form.numbered():
        numbers_without_holes([v[0] for _, v in transversals], f"{c} transversal")

    funders = contract.get("funders", {})
    for fid, name in funders.items():
        if not FUNDER_ID.fullmatch(fid) or not isinstance(name, str):
            problem(c, f"funder `{fid}`: an identifier of letters, digits, `_`, `-` = a name")

    # Communes and quartiers.
    communes = contract.get("commune", [])
    commune_keys = {}
    for m in communes:
        insee, name = m.get("insee"), m.get("name")
        if not isinstance(insee, str) or not INSEE.fullmatch(insee):
            problem(c, f"commune INSEE code `{insee}` is not 5 characters (digits, or 2A/2B + 3)")
        if not isinstance(name, str):
            problem(c, f"commune `{insee}` has no name")
        for k in (insee, name):
            if k in commune_keys:
                problem(c, f"commune `{k}` is declared twice")
            commune_keys[k] = m
    quartiers = contract.get("quartier", [])
    quartier_of = {}  # loose key -> quartier
    for q in quartiers:
        where = f"{c} quartier {q.get('code') or q.get('name')}"
        unknown_keys(q, ["code", "name", "communes", "aliases"], where)
        need(q, "name", str, where)
        if "code" in q and not QUARTIER_CODE.fullmatch(str(q["code"])):
            problem(where, f"quartier code `{q['code']}` is neither QP + 6 nor QN + 5 + a capital letter")
        for k in q.get("communes", []):
            if k not in commune_keys:
                problem(where, f"commune `{k}` is not declared in [[commune]]")
        if communes and not q.get("communes"):
            problem(where, "names no commune")
        for k in [q.get("code"), q.get("name")] + q.get("aliases", []):
            if k is None:
                continue
            if loose(k) in quartier_of and quartier_of[loose(k)] is not q:
                problem(where, f"`{k}` designates two quartiers")
            quartier_of[loose(k)] = q

    # Tree files: every .toml below the folder but contrat.toml, in name order.
    files = sorted(p for p in folder.rglob("*.toml")
                   if p != contract_path
                   and not any(part.startswith(".") for part in p.relative_to(folder).parts))
    entries = []        # every tree entry
    by_code = {}        # code -> Entry or the string "transversal"
    actions = []        # (action table, file)
    tops_of_file = {}
    for code, _ in transversals:
        by_code[code] = "transversal"
    for f_index, path in enumerate(files):
        where = str(path)
        data = load(path)
        allowed = [keys[0], "title", "objectives", "action"] + keys[1:]
        if 0 in nameable_levels:
            allowed += NAMEABLE_KEYS
        unknown_keys(data, allowed, where)
        value = data.get(keys[0])
        if forms[0].kind == "n":
            value = (value,) if isinstance(value, int) and not isinstance(value, bool) else None
        elif not (isinstance(value, str) and re.fullmatch(IDENT, value)):
            value = None
        if value is None:
            problem(where, f"`{keys[0]}` is missing or not of the form `{forms[0].text}`")
            continue
        need(data, "title", str, where)
        top = Entry(0, forms[0].write(value), value, data, path, (f_index, 0))
        tops_of_file[path] = top
        add_entry(top, entries, by_code)
        for i in range(1, len(levels)):
            for index, table in enumerate(data.get(keys[i], [])):
                code = table.get("code")
                w = f"{where} {keys[i]} {code}"
                allowed = ["code", "title", "parent"]
                if i in nameable_levels:
                    allowed += NAMEABLE_KEYS
                unknown_keys(table, allowed, w)
                need(table, "title", str, w)
                parsed = forms[i].parse(code)
                if parsed is None:
                    problem(w, f"code `{code}` does not match the form `{forms[i].text}`")
                    continue
                add_entry(Entry(i, code, parsed, table, path, (f_index, index + 1)), entries, by_code)
        for table in data.get("action", []):
            actions.append((table, path))

    # Posts: counted apart from the actions; an amount left out is unknown.
    posts = contract.get("post", [])
    for post in posts:
        where = f"{c} post {post.get('number')}"
        unknown_keys(post, POST_KEYS, where)
        need(post, "number", str, where)
        need(post, "porteur", str, where)
        need(post, "year", int, where)
        if post.get("kind") not in ("fonjep", "adulte-relais"):
            problem(where, "`kind` must be \"fonjep\" or \"adulte-relais\"")
        if "quartier" in post and loose(post["quartier"]) not in quartier_of:
            problem(where, f"unknown quartier `{post['quartier']}`")

    link_parents(entries, forms, by_code, tops_of_file)
    check_numbering(entries, forms)
    check_actions(actions, contract, by_code, nameable_levels, keys, quartier_of, funders,
                  publics, first, last)
    return {
        "contract": contract, "levels": levels, "forms": forms, "entries": entries,
        "transversals": [code for code, _ in transversals], "quartiers": quartiers,
        "quartier_of": quartier_of, "communes": communes, "actions": [a for a, _ in actions],
        "posts": posts,
    }


def add_entry(entry, entries, by_code):
    if entry.code in by_code:
        problem(entry.file, f"code `{entry.code}` is used twice in the contract")
        return
    by_code[entry.code] = entry
    entries.append(entry)


def link_parents(entries, forms, by_code, tops_of_file):
    numbers = {}  # (level, numbers) -> Entry, for {path} parents
    for e in entries:
        if forms[e.level].numbered():
            numbers[(e.level, e.value)] = e
    for e in entries:
        if e.level == 0:
            continue
        where = f"{e.file} {e.code}"
        written = e.table.get("parent")
        if forms[e.level].kind == "path":
            parent = numbers.get((e.level - 1, e.value[:-1]))
            if parent is None:
                problem(where, f"no {forms[e.level - 1].text} entry numbered "
                               f"{'.'.join(map(str, e.value[:-1]))} for `{e.code}` to sit under")
                continue
            if written is not None and written != parent.code:
                problem(where, f"`parent = \"{written}\"` but the code says `{parent.code}`")
        elif e.level == 1 and written is None:
            parent = tops_of_file[e.file]
        else:
            if written is None:
                problem(where, "`parent` is required at this depth")
                continue
            parent = by_code.get(written)
            if not isinstance(parent, Entry) or parent.level != e.level - 1:
                problem(where, f"parent `{written}` is no entry of the level above")
                continue
        e.parent = parent
        parent.children.append(e)
    for e in entries:
        top = e
        while top.parent is not None:
            top = top.parent
        if top.level == 0 and top.file != e.file:
            problem(f"{e.file} {e.code}", f"belongs to `{top.code}`, whose file is {top.file}")


def numbers_without_holes(numbers, where):
    if sorted(numbers) != list(range(1, len(numbers) + 1)):
        problem(where, f"numbers {sorted(numbers)} are not 1..{len(numbers)} without holes")


def check_numbering(entries, forms):
    for level, form in enumerate(forms):
        mine = [e for e in entries if e.level == level]
        if form.kind == "n":
            numbers_without_holes([e.value[0] for e in mine], f"level `{form.text}`")
        elif form.kind == "path":
            siblings = {}
            for e in mine:
                siblings.setdefault(e.value[:-1], []).append(e.value[-1])
            for parent, own in siblings.items():
                numbers_without_holes(own, f"level `{form.text}` under {'.'.join(map(str, parent))}")


def top_of(entry):
    while entry.parent is not None:
        entry = entry.parent
    return entry


def check_actions(actions, contract, by_code, nameable_levels, keys, quartier_of, funders,
                  publics, first, last):
    years = {}
    for a, path in actions:
        ident = a.get("id")
        where = f"{path} action {ident}"
        unknown_keys(a, ACTION_KEYS, where)
        for key, kind in [("id", str), ("title", str), ("porteur", str), ("year", int),
                          ("serves", list)]:
            need(a, key, kind, where)
        if ident in years:
            problem(where, "id used twice")
        years[ident] = a.get("year")
    for a, path in actions:
        where = f"{path} action {a.get('id')}"
        year = a.get("year")
        if isinstance(year, int) and not (first <= year <= last):
            problem(where, f"year {year} is outside the period {first}–{last}")
        serves = a.get("serves") or []
        if not serves:
            problem(where, "`serves` is empty")
        for i, code in enumerate(serves):
            entry = by_code.get(code)
            if not isinstance(entry, Entry):
                problem(where, f"serves `{code}`, which the tree does not have")
            elif entry.level not in nameable_levels:
                allowed = ", ".join(keys[level] for level in sorted(nameable_levels))
                problem(where, f"serves `{code}`, of level `{keys[entry.level]}`: actions may name {allowed}")
            elif i == 0 and top_of(entry).file != path:
                problem(where, f"its main code `{code}` belongs to {top_of(entry).file}")
        for code in a.get("transversal", []):
            if by_code.get(code) != "transversal":
                problem(where, f"transversal `{code}` is not declared")
        for name in a.get("quartiers", []):
            if loose(name) not in quartier_of:
                problem(where, f"quartier `{name}` is no code, name or alias of a quartier")
        for public in a.get("publics", []):
            if public not in publics:
                problem(where, f"public `{public}` is not in the contract's publics")
        if a.get("status", "funded") not in STATUSES:
            problem(where, f"status `{a['status']}` is not one of {STATUSES}")
        renews = a.get("renews")
        if renews is not None:
            if renews not in years:
                problem(where, f"renews `{renews}`, which is no action")
            elif not (isinstance(year, int) and years[renews] < year):
                problem(where, f"renews `{renews}`, which is not of an earlier year")
        for table in ("funding", "requested"):
            for fid, amount in a.get(table, {}).items():
                if fid not in funders:
                    problem(where, f"funder `{fid}` is not in [funders]")
                cents(amount, f"{where} {table}.{fid}")
        if "cost" in a:
            cost = cents(a["cost"], f"{where} cost")
            if funding_of(a) > cost:
                problem(where, f"funding voted {Decimal(funding_of(a)) / 100} € exceeds the cost "
                               f"{Decimal(cost) / 100} €")
        for key, n in a.get("beneficiaries", {}).items():
            if key not in ("planned", "actual") or not isinstance(n, int) or n < 0:
                problem(where, f"beneficiaries.{key} = {n!r}: planned or actual, an integer >= 0")


def funding_of(action):
    return sum(cents(v, "funding") for v in action.get("funding", {}).values())


def tree_order(entries, forms):
    """Entries level by level, each level in contract order: tops by number (or in
    file order for {id}), children by number (or in written order) under each parent."""
    def order(e):
        return e.value if forms[e.level].numbered() else e.position

    result = []

    def walk(e):
        result.append(e)
        for child in sorted(e.children, key=order):
            walk(child)

    for top in sorted((e for e in entries if e.level == 0), key=order):
        walk(top)
    return result


def figures(tree, year):
    forms, entries = tree["forms"], tree["entries"]
    of_year = [a for a in tree["actions"] if a["year"] == year]
    counted = [a for a in of_year if a.get("status", "funded") not in NOT_COUNTED]

    def below(entry):
        codes = {entry.code}
        for child in entry.children:
            codes |= below(child)
        return codes

    def money(actions):
        known = [a for a in actions if "cost" in a]
        stated = sum(cents(a["cost"], "cost") for a in known)
        return {
            "funding": sum(funding_of(a) for a in actions),
            "cost": stated if len(known) == len(actions) else None,
            "cost_known": len(known),
            "cost_stated": stated,
        }

    levels = []
    ordered = tree_order(entries, forms)
    for i, level in enumerate(tree["levels"]):
        rows = []
        for e in (e for e in ordered if e.level == i):
            codes = below(e)
            naming = [a for a in counted if any(code in codes for code in a["serves"])]
            main = [a for a in counted if a["serves"][0] in codes]
            rows.append({"code": e.code, "actions": len(naming), "main_actions": len(main),
                         **money(main)})
        levels.append({"key": level["key"], "entries": rows,
                       "entries_with_actions": sum(1 for r in rows if r["actions"] > 0)})

    def quartiers_of(action):
        found = []
        for name in action.get("quartiers", []):
            q = tree["quartier_of"][loose(name)]
            if all(q is not other for other in found):
                found.append(q)
        return found

    transversal = []
    for code in tree["transversals"]:
        naming = [a for a in counted if code in a.get("transversal", [])]
        transversal.append({"code": code, "actions": len(naming),
                            "funding": sum(funding_of(a) for a in naming)})
    quartiers = []
    for q in tree["quartiers"]:
        naming = [a for a in counted if any(q is other for other in quartiers_of(a))]
        quartiers.append({"quartier": q.get("code") or q["name"], "actions": len(naming),
                          "funding": sum(funding_of(a) for a in naming)})
    communes = []
    for m in tree["communes"]:
        def in_commune(q):
            return m["insee"] in q.get("communes", []) or m["name"] in q.get("communes", [])
        touching = [a for a in counted if any(in_commune(q) for q in quartiers_of(a))]
        communes.append({"insee": m["insee"], "name": m["name"], "actions": len(touching),
                         "funding": sum(funding_of(a) for a in touching)})
    statuses = {s: sum(1 for a in of_year if a.get("status", "funded") == s) for s in STATUSES}
    posts = [p for p in tree["posts"] if p["year"] == year]
    stated = [cents(p["amount"], "amount") for p in posts if "amount" in p]
    posts = {"posts": len(posts), "amount_known": len(stated), "amount_stated": sum(stated),
             "amount": sum(stated) if len(stated) == len(posts) else None}
    return {
        "year": year,
        "rule": "counted: status funded or completed",
        "statuses": statuses,
        "total": {"actions": len(counted), **money(counted)},
        "levels": levels,
        "transversal": transversal,
        "quartiers": quartiers,
        "communes": communes,
        "posts": posts,
    }


def main(args):
    if len(args) not in (1, 2):
        print("usage: trees.py FOLDER [YEAR]", file=sys.stderr)
        return 2
    tree = read(args[0])
    if problems or tree is None:
        for p in problems:
            print(p, file=sys.stderr)
        print(f"{len(problems)} problems in {args[0]}", file=sys.stderr)
        return 1
    if len(args) == 1:
        counts = ", ".join(f"{sum(1 for e in tree['entries'] if e.level == i)} {level['key']}"
                           for i, level in enumerate(tree["levels"]))
        print(f"{args[0]}: ok ({counts}; {len(tree['actions'])} actions)")
        return 0
    year = int(args[1])
    period = tree["contract"]["period"]
    if not period["from"] <= year <= period["to"]:
        print(f"year {year} is outside the period", file=sys.stderr)
        return 2
    print(json.dumps(figures(tree, year), ensure_ascii=False, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
