"""Every service runs a command that lost a race to a background writer again (issue 21): the
retry sits in the one HTTP path of every service, outside the command keys (each run looks its
key up again). The race itself is shown in ``llwybr/tests/test_retry.py`` and, end to end, by
the school's decision to cease in ``tests/idp_date_stories.py``."""

import pytest

from gateway import registry
from llwybr.command_keys import CommandKeys
from llwybr.retry import RetryConflicts
from llwybr.service import build_service
from llwybr.settings import ServiceSettings


@pytest.mark.parametrize("name", registry.NAMES)
def test_every_service_retries_a_command_that_lost_a_race(
    name: str, sqlite_settings: ServiceSettings
) -> None:
    settings = ServiceSettings(service=name, runtime=sqlite_settings.runtime)
    app = build_service(settings, registry.spec(registry.service(name)))
    # Starlette's user_middleware lists the outermost first.
    layers: list[object] = [m.cls for m in app.user_middleware]
    assert RetryConflicts in layers
    assert layers.index(RetryConflicts) == layers.index(CommandKeys) - 1
