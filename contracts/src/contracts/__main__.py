"""``python -m contracts``: regenerate the JSON Schema and AsyncAPI snapshots."""

from contracts.schemas import write

for path in write():
    print(path)
