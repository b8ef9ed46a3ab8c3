"""``llwybr.serve.listen``: a port already taken is one clear line at once (issue 20)."""

import pytest

from llwybr.serve import listen


def test_a_port_another_start_holds_is_refused_at_once() -> None:
    # The first start has bound its port and not yet served (its app is still being built):
    # a second start on the same port is refused then, not after building its own app.
    first = listen("gateway", "127.0.0.1", 0)
    try:
        port = first.getsockname()[1]
        with pytest.raises(SystemExit) as refused:
            listen("gateway", "127.0.0.1", port)
        assert (
            str(refused.value) == f"gateway: cannot listen on 127.0.0.1:{port}: the port is in use"
        )
    finally:
        first.close()
