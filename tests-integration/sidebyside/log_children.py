"""Programs run in a child interpreter to observe ``start_logging``, which acts once per process.

Shared by the side-by-side scenarios (under txaio 26.6.1 and ours) and the
conformance suite.  Each runs after a prelude that selected the framework
named in ``sys.argv[1]`` and defined ``log`` and ``report`` (which writes
to the real stdout, since Twisted's logging may take ``sys.stdout`` over).
"""

#: The application adds its own sink, then calls ``start_logging(None, "debug")``,
#: logs one line and prints one: each must reach it once.
APP_SINK_THEN_START_LOGGING_WITHOUT_OUT = """
if sys.argv[1] == "twisted":
    from twisted.logger import formatEvent, globalLogPublisher

    globalLogPublisher.addObserver(lambda event: report("app:", formatEvent(event)))
else:
    import logging

    class AppHandler(logging.Handler):
        def emit(self, record):
            report("app:", record.getMessage())

    logging.getLogger().addHandler(AppHandler())
txaio.start_logging(None, "debug")
log.debug("once {n}", n=1)
print("printed")
"""
