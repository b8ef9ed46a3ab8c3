"""Learners' personal data, encrypted per learner (issue 23, ADR 0023).

Each learner has one data key (AES-256-GCM). Personal fields of stored events are sealed with
it before the integrity hash is taken, so the chain covers the ciphertext and verifies without
any key. The data key is kept wrapped by a key-encryption key (``kek``); destroying the
learner's wrapped key (``vault.Vault.shred``) makes every copy of their personal fields
unreadable: crypto-shredding.

The package is split so that pure code may import ``fields`` and ``cipher`` without pulling in
the database (``vault``, ``tables``).
"""
