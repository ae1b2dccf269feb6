__path__ = __import__("pkgutil").extend_path(__path__, __name__)

__doc__ = """txaio: one API for code that runs on asyncio or on Twisted.

Select a framework once (``txaio.use_asyncio()`` or ``txaio.use_twisted()``),
then call ``txaio.create_future()``, ``txaio.add_callbacks()`` and the rest.
Each name below is declared here with its type; selecting a framework binds
it to the backend's implementation, so every call is a single hop.
"""

from collections.abc import Callable
from time import perf_counter_ns, time_ns

from txaio import _unframework
from txaio._config import Config
from txaio._contract import UNSET, FrameworkApi
from txaio._selection import _use_framework, use_asyncio, use_twisted
from txaio._versions import installed_version as _installed_version
from txaio.interfaces import IBatchedTimer, IFailedFuture, ILogger

__all__ = (
    "with_config",
    "using_twisted",
    "using_asyncio",
    "use_twisted",
    "use_asyncio",
    "config",
    "create_future",
    "create_future_success",
    "create_future_error",
    "create_failure",
    "as_future",
    "is_future",
    "reject",
    "resolve",
    "cancel",
    "add_callbacks",
    "gather",
    "is_called",
    "call_later",
    "failure_message",
    "failure_traceback",
    "failure_format_traceback",
    "make_batched_timer",
    "make_logger",
    "start_logging",
    "set_global_log_level",
    "get_global_log_level",
    "add_log_categories",
    "IFailedFuture",
    "ILogger",
    "sleep",
    "time_ns",
    "perf_counter_ns",
)

#: The one global configuration: set ``config.loop`` to an event loop or reactor.
config: Config = Config()

#: True only once asyncio is selected.
using_asyncio: bool = False
#: True only once Twisted is selected.
using_twisted: bool = False
#: The selected framework's name, or None.
_explicit_framework: str | None = None

_unselected: FrameworkApi = _unframework.UNSELECTED

with_config: Callable[..., FrameworkApi] = _unframework.with_config
create_future = _unselected.create_future
create_future_success = _unselected.create_future_success
create_future_error = _unselected.create_future_error
create_failure = _unselected.create_failure
as_future = _unselected.as_future
is_future = _unselected.is_future
reject = _unselected.reject
resolve = _unselected.resolve
cancel = _unselected.cancel
add_callbacks = _unselected.add_callbacks
gather = _unselected.gather
is_called = _unselected.is_called
call_later = _unselected.call_later
failure_message = _unselected.failure_message
failure_traceback = _unselected.failure_traceback
failure_format_traceback = _unselected.failure_format_traceback
make_batched_timer = _unselected.make_batched_timer
sleep = _unselected.sleep

make_logger: Callable[..., ILogger] = _unframework.LOGGING_BEFORE_SELECTION["make_logger"]
start_logging: Callable[..., None] = _unframework.LOGGING_BEFORE_SELECTION["start_logging"]
set_global_log_level: Callable[[str], None] = _unframework.LOGGING_BEFORE_SELECTION["set_global_log_level"]
get_global_log_level: Callable[[], str] = _unframework.LOGGING_BEFORE_SELECTION["get_global_log_level"]
add_log_categories: Callable[[dict[str, str]], None] = _unframework.LOGGING_BEFORE_SELECTION["add_log_categories"]

#: The version of the ``txaio`` meta-package when it is installed, else txaio-core's.
__version__: str = _installed_version(__path__)
version: str = __version__
