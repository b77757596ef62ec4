#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
# check-openapi.py: docs/openapi.yaml is valid YAML, an OpenAPI 3.1 document
# whose references all resolve, whose operations all answer something,
# whose operationIds are unique, and whose API writes all document the
# full disk (507 storage_full). Prints TAP.
import re
import sys

import yaml

path = sys.argv[1]
checks = []

try:
    with open(path, encoding="utf-8") as f:
        text = f.read()
    doc = yaml.safe_load(text)
    checks.append(("valid YAML", True, ""))
except yaml.YAMLError as e:
    print("1..1")
    print(f"not ok 1 - valid YAML # {e}")
    sys.exit(1)

checks.append(("OpenAPI 3.1", str(doc.get("openapi", "")).startswith("3.1"), str(doc.get("openapi"))))

missing = []
for kind, name in set(re.findall(r"\$ref:\s*['\"]?#/components/(\w+)/([\w.-]+)", text)):
    if name not in (doc.get("components") or {}).get(kind, {}):
        missing.append(f"{kind}/{name}")
checks.append(("every $ref resolves", not missing, ", ".join(sorted(missing))))

methods = {"get", "put", "post", "delete", "patch", "head", "options"}
writes = {"put", "post", "delete", "patch"}
no_responses, ids, dup, no_full = [], set(), [], []
for p, item in (doc.get("paths") or {}).items():
    for method, op in item.items():
        if method not in methods:
            continue
        if not op.get("responses"):
            no_responses.append(f"{method.upper()} {p}")
        # Any write of the API may find the database's disk full.
        if method in writes and p.startswith("/{tenant}/api/v1/") and \
           (op.get("responses") or {}).get("507") != {"$ref": "#/components/responses/StorageFull"}:
            no_full.append(f"{method.upper()} {p}")
        oid = op.get("operationId")
        if oid:
            if oid in ids:
                dup.append(oid)
            ids.add(oid)
checks.append(("every operation has responses", not no_responses, ", ".join(no_responses)))
checks.append(("operationIds are unique", not dup, ", ".join(dup)))
checks.append(("every write answers 507 StorageFull", not no_full, ", ".join(no_full)))

print(f"1..{len(checks)}")
failed = 0
for i, (name, ok, why) in enumerate(checks, 1):
    if ok:
        print(f"ok {i} - {name}")
    else:
        failed += 1
        print(f"not ok {i} - {name} # {why}")
sys.exit(1 if failed else 0)
