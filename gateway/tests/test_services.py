"""The gateway's connections to the services."""

from gateway.services import KEEPALIVE_EXPIRY_SECONDS
from llwybr.serve import KEEP_ALIVE_SECONDS


def test_the_gateway_gives_up_an_idle_connection_well_before_a_service_closes_it() -> None:
    # Reusing a connection the service is closing at that moment drops the request on it:
    # a POST then gets 503 "may or may not have taken effect". A margin of seconds covers a
    # request that waited for its turn on a loaded machine after taking the connection.
    assert KEEP_ALIVE_SECONDS - KEEPALIVE_EXPIRY_SECONDS >= 10
