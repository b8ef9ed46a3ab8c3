"""Checking a downloaded Tribunal bundle against its manifest, with no API: every file's
SHA-256 and size are recomputed on the auditor's machine."""

import hashlib
import json
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

MANIFEST = "manifest.json"


@dataclass
class BundleCheck:
    """What a bundle's manifest says, and every way the files differ from it."""

    manifest: dict[str, Any] = field(default_factory=dict)
    files: list[tuple[str, int, str, bool]] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    verification: dict[str, Any] | None = None


def check_bundle(path: Path) -> BundleCheck:
    """Recompute every file's SHA-256 and size and compare them with ``manifest.json``."""
    check = BundleCheck()
    try:
        with zipfile.ZipFile(path) as archive:
            names = archive.namelist()
            if MANIFEST not in names:
                check.problems.append("no manifest.json")
                return check
            check.manifest = json.loads(archive.read(MANIFEST))
            listed = {entry["name"] for entry in check.manifest["files"]} | {MANIFEST}
            check.problems += [f"{n}: not in the manifest" for n in names if n not in listed]
            for entry in check.manifest["files"]:
                name = entry["name"]
                if name not in names:
                    check.problems.append(f"{name}: missing")
                    continue
                content = archive.read(name)
                digest = hashlib.sha256(content).hexdigest()
                good = digest == entry["sha256"] and len(content) == entry["size"]
                check.files.append((name, len(content), digest, good))
                if not good:
                    check.problems.append(f"{name}: SHA-256 or size differs from the manifest")
                if name == "verification.json" and good:
                    check.verification = json.loads(content)
    except (OSError, zipfile.BadZipFile, ValueError, KeyError, TypeError) as error:
        check.problems.append(f"not a readable bundle ({type(error).__name__}: {error})")
    return check
