"""``import txaio.with_twisted`` selects Twisted, then offers the txaio API from here too."""

import txaio

txaio.use_twisted()

from txaio import *  # noqa: F403
