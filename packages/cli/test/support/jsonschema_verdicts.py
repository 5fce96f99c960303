"""The verdicts of Python's `jsonschema` (draft 2020-12) on JSON texts, for the cross-validator test.

Reads one JSON object on standard input: {"schema": <the export's JSON Schema>, "cases":
[{"text": <a JSON text>, "line": <true to check it against $defs/ndjsonLine>}, ...]} and prints
a JSON array of booleans, one verdict per case. Each text is parsed with `json.loads`, as a
Python pipeline would (so a rounded number or a duplicate key is seen as the parser leaves it).
"""
import json
import sys

from jsonschema import Draft202012Validator

request = json.load(sys.stdin)
schema = request["schema"]
Draft202012Validator.check_schema(schema)
document = Draft202012Validator(schema)
line = Draft202012Validator({"$schema": schema["$schema"], **schema["$defs"]["ndjsonLine"]})
verdicts = [(line if case.get("line") else document).is_valid(json.loads(case["text"])) for case in request["cases"]]
json.dump(verdicts, sys.stdout)
