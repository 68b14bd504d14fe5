#!/usr/bin/env python3
"""TOML to toml-test's tagged JSON, decoded by Python's own parser (tomllib,
Python 3.11+): an oracle for tests/fmt.rs that shares no code with the Rust
crates `contrat` uses.

    toml_to_json.py < FILE.toml        one document, as a toml-test decoder
    toml_to_json.py FILE...            one JSON line per file:
                                       {"ok": DECODED} or {"error": "why"}
"""

import datetime
import json
import math
import sys
import tomllib


def tag(value):
    """A decoded value in toml-test's form: every leaf is {"type", "value"}."""
    if isinstance(value, dict):
        return {key: tag(item) for key, item in value.items()}
    if isinstance(value, list):
        return [tag(item) for item in value]
    # bool before int: a bool is an int in Python.
    if isinstance(value, bool):
        return {"type": "bool", "value": "true" if value else "false"}
    if isinstance(value, int):
        return {"type": "integer", "value": str(value)}
    if isinstance(value, float):
        if math.isnan(value):
            text = "nan"
        elif math.isinf(value):
            text = "inf" if value > 0 else "-inf"
        else:
            text = repr(value)
        return {"type": "float", "value": text}
    if isinstance(value, str):
        return {"type": "string", "value": value}
    # datetime before date: a datetime is a date in Python.
    if isinstance(value, datetime.datetime):
        kind = "datetime-local" if value.tzinfo is None else "datetime"
        return {"type": kind, "value": value.isoformat()}
    if isinstance(value, datetime.date):
        return {"type": "date-local", "value": value.isoformat()}
    if isinstance(value, datetime.time):
        return {"type": "time-local", "value": value.isoformat()}
    raise TypeError(f"unexpected {type(value).__name__}")


def decode(data):
    return tag(tomllib.loads(data.decode("utf-8")))


def main(paths):
    if not paths:
        json.dump(decode(sys.stdin.buffer.read()), sys.stdout, ensure_ascii=False)
        print()
        return
    for path in paths:
        try:
            with open(path, "rb") as file:
                line = {"ok": decode(file.read())}
        except (tomllib.TOMLDecodeError, UnicodeDecodeError, ValueError) as err:
            line = {"error": str(err)}
        print(json.dumps(line, ensure_ascii=False))


if __name__ == "__main__":
    main(sys.argv[1:])
