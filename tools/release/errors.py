"""The one exception the release commands raise for input the user must fix."""


class ReleaseError(Exception):
    """A problem with the request or the repository; raised before anything is changed."""
