"""Checking a downloaded Tribunal bundle against its manifest, with no API: every file's
SHA-256 and size are recomputed on the auditor's machine, and the manifest's signature is
checked with the gateway's published keys (a JWKS saved beforehand will do)."""

import hashlib
import json
import zipfile
import zlib
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from gateway.tokens.manifests import check_manifest_signature, signing_kid

MANIFEST = "manifest.json"
SIGNATURE = "manifest.jws"


@dataclass
class BundleCheck:
    """What a bundle's manifest says, and every way the files differ from it."""

    manifest: dict[str, Any] = field(default_factory=dict)
    files: list[tuple[str, int, str, bool]] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    verification: dict[str, Any] | None = None
    signed_by: str | None = None  # the kid of the published key whose signature checked


def check_bundle(path: Path, jwks: Mapping[str, Any] | None = None) -> BundleCheck:
    """Recompute every file's SHA-256 and size and compare them with ``manifest.json``; with
    ``jwks``, check too that ``manifest.jws`` signs the manifest with one of its keys. Every
    problem names the file it is about."""
    check = BundleCheck()
    try:
        with zipfile.ZipFile(path) as archive:
            names = archive.namelist()
            if MANIFEST not in names:
                check.problems.append(f"{MANIFEST}: missing")
                return check
            manifest = _read(archive, MANIFEST, check)
            if jwks is not None:
                _check_signature(archive, manifest, jwks, check)
            try:
                check.manifest = json.loads(manifest)
            except ValueError as error:
                check.problems.append(f"{MANIFEST}: not readable ({error})")
                return check
            listed = {entry["name"] for entry in check.manifest["files"]} | {MANIFEST, SIGNATURE}
            check.problems += [f"{n}: not in the manifest" for n in names if n not in listed]
            for entry in check.manifest["files"]:
                name = entry["name"]
                if name not in names:
                    check.problems.append(f"{name}: missing")
                    continue
                content = _read(archive, name, check)
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


def _read(archive: zipfile.ZipFile, name: str, check: BundleCheck) -> bytes:
    """A file's bytes; a file the ZIP's own check (CRC-32) finds altered is named, and read as
    nothing so that its hash fails too."""
    try:
        return archive.read(name)
    # A byte changed in the compressed stream fails the CRC or breaks the stream itself.
    except (zipfile.BadZipFile, zlib.error) as error:
        check.problems.append(f"{name}: altered in the ZIP ({error})")
        return b""


def _check_signature(
    archive: zipfile.ZipFile, manifest: bytes, jwks: Mapping[str, Any], check: BundleCheck
) -> None:
    if SIGNATURE not in archive.namelist():
        check.problems.append(f"{SIGNATURE}: missing (the manifest is not signed)")
        return
    signature = _read(archive, SIGNATURE, check)
    reason = check_manifest_signature(manifest, signature, jwks)
    if not reason:
        check.signed_by = signing_kid(signature)
    elif reason.startswith("the signature does not check"):  # either file may have changed
        check.problems.append(f"{MANIFEST} or {SIGNATURE}: {reason}")
    elif reason:
        check.problems.append(f"{SIGNATURE}: {reason}")
