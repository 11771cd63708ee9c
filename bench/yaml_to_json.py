"""The comparison pipeline's first step: every YAML sheet of a folder to one
JSON array, with PyYAML's C loader (what a Python user would write)."""
import json
import pathlib
import sys

import yaml

sheets = []
for path in sorted(pathlib.Path(sys.argv[1]).rglob("*.yaml")):
    with open(path, encoding="utf-8") as handle:
        for document in yaml.load_all(handle, Loader=yaml.CLoader):
            if document:
                # sqlite-utils stores nested values as JSON text.
                sheets.append(document)
json.dump(sheets, sys.stdout, ensure_ascii=False, default=str)
