"""A Debian testing root under ``build/``: Python 3.14 and 3.15 where this machine has neither.

Debian's testing suite ships both interpreters (with ``-venv`` and ``-dev``); ``debootstrap``
makes a minimal root of it in a folder in about a minute.  It is built once and reused by every
later run; one that is incomplete or broken is built again.  A lock file makes two runs that
start at once build it once: the second waits for the first.  Commands run inside it through
:func:`run_inside`: a private mount namespace (``unshare``) with ``/proc``, ``/dev`` and the
repository mounted at their own paths, then ``chroot``; nothing stays mounted when it ends.

This needs root on a Debian or Ubuntu machine (``debootstrap`` is installed with apt if missing);
:func:`unavailable` says why not elsewhere.  gcc and the ``-dev`` headers are inside because the
unit tests compile a Cython coroutine (and uvloop builds from source where it has no wheel).
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import shutil
import subprocess
import sys
from collections.abc import Iterator, Sequence
from pathlib import Path

REPOSITORY = Path(__file__).resolve().parents[1]
HOME = REPOSITORY / "build" / "debian-testing"
ROOT_DIR = HOME / "root"
LOCK = HOME.parent / "debian-testing.lock"
VERSIONS = ("3.14", "3.15")
SUITE = "forky"
PACKAGES = (
    *(f"python{version}{part}" for version in VERSIONS for part in ("", "-venv", "-dev")),
    "ca-certificates",
    "gcc",
    "libc6-dev",
    "make",
)
#: Where uv (the hatch environment's binary, copied in) is inside the root.
UV_INSIDE = "/usr/local/bin/uv"
MARKER = "txaio-testing-root"
CA_BUNDLE = Path("/etc/ssl/certs/ca-certificates.crt")
DEFAULT_MIRROR = "http://deb.debian.org/debian"
#: Mount /proc, /dev and each folder named before "--" inside the root, then run the command in
#: the caller's working directory there.
_ENTER = """set -e
root=$1; shift
mount -t proc proc "$root/proc"
mount --rbind /dev "$root/dev"
while [ "$1" != "--" ]; do mkdir -p "$root$1"; mount --rbind "$1" "$root$1"; shift; done
shift
exec chroot "$root" /bin/sh -c 'cd "$0" 2>/dev/null || cd /; exec "$@"' "$PWD" "$@"
"""


class BuildError(Exception):
    """The root could not be built; the message says which step failed."""


def unavailable() -> str:
    """Why no testing root can be built here, or "" if one can."""
    if not sys.platform.startswith("linux"):
        return "not Linux"
    if os.geteuid() != 0:
        return "needs root (debootstrap, chroot)"
    release = _os_release()
    if not {"debian", "ubuntu"} & {release.get("ID", ""), *release.get("ID_LIKE", "").split()}:
        return "not a Debian or Ubuntu machine"
    for tool in ("unshare", "chroot", "mount"):
        if shutil.which(tool) is None:
            return f"no {tool} on PATH"
    return ""


def _os_release() -> dict[str, str]:
    try:
        text = Path("/etc/os-release").read_text(encoding="utf-8")
    except OSError:
        return {}
    pairs = (line.partition("=") for line in text.splitlines() if "=" in line)
    return {key: value.strip().strip('"') for key, _, value in pairs}


def run_inside(binds: Sequence[str]) -> list[str]:
    """The argv prefix that runs a command inside the root, with ``binds`` mounted at their paths."""
    return ["unshare", "--mount", "--propagation", "private", "sh", "-c", _ENTER, "enter", str(ROOT_DIR), *binds, "--"]


@contextlib.contextmanager
def locked() -> Iterator[None]:
    LOCK.parent.mkdir(parents=True, exist_ok=True)
    with LOCK.open("w") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def ensure() -> None:
    """Build the root unless a sound one is there; refresh what is copied in from this machine."""
    with locked():
        if not healthy():
            build()
            if not healthy():
                raise BuildError(f"the new root at {ROOT_DIR} does not run python{' / python'.join(VERSIONS)}")
        _copy_in()


def healthy() -> bool:
    marker = ROOT_DIR / MARKER
    if not marker.is_file() or marker.read_text(encoding="utf-8") != " ".join(PACKAGES):
        return False
    check = "import ssl, venv, sysconfig; assert sysconfig.get_config_var('INCLUDEPY')"
    return all(
        subprocess.run(
            ["chroot", str(ROOT_DIR), f"/usr/bin/python{version}", "-c", check], capture_output=True, check=False
        ).returncode
        == 0
        for version in VERSIONS
    )


def mirror(sources: Path = Path("/etc/apt")) -> str:
    """The Debian mirror apt here already uses (deb822 or one-line sources), else Debian's CDN."""
    for path in [sources / "sources.list", *sorted((sources / "sources.list.d").glob("*"))]:
        if path.suffix not in (".list", ".sources") or not path.is_file():
            continue
        for line in path.read_text(encoding="utf-8", errors="replace").splitlines():
            words = line.split()
            urls = words[1:] if words[:1] == ["URIs:"] else words[1:2] if words[:1] == ["deb"] else []
            for url in urls:
                if url.rstrip("/").endswith("/debian") and url.startswith(("http://", "https://")):
                    return url
    return DEFAULT_MIRROR


def _sh(argv: Sequence[str], what: str) -> None:
    done = subprocess.run(argv, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, check=False)
    if done.returncode != 0:
        tail = "\n".join(done.stdout.splitlines()[-20:])
        raise BuildError(f"{what} failed ({' '.join(argv[:3])} ...):\n{tail}")


def _remove(folder: Path) -> None:
    """Remove a root, first unmounting anything a failed build left mounted inside it."""
    if not folder.exists():
        return
    mounts = Path("/proc/mounts").read_text(encoding="utf-8").splitlines()
    inside = [line.split()[1] for line in mounts if line.split()[1].startswith(f"{folder}/")]
    for mount in sorted(inside, reverse=True):
        subprocess.run(["umount", "-l", mount], check=False)
    _sh(["rm", "-rf", "--one-file-system", str(folder)], f"removing {folder}")


def build() -> None:
    print(f"building the Debian testing root ({SUITE}) at {ROOT_DIR}; about a minute", flush=True)
    if shutil.which("debootstrap") is None:
        _sh(["apt-get", "update", "-qq"], "apt-get update")
        _sh(["apt-get", "install", "-y", "-qq", "debootstrap", "debian-archive-keyring"], "installing debootstrap")
    partial = HOME / "root.partial"
    _remove(partial)
    _remove(ROOT_DIR)
    HOME.mkdir(parents=True, exist_ok=True)
    keyring = Path("/usr/share/keyrings/debian-archive-keyring.gpg")
    # debootstrap from an older Debian has no script named after this suite: testing uses sid's.
    script = "/usr/share/debootstrap/scripts/sid"
    argv = ["debootstrap", "--variant=minbase", f"--include={','.join(PACKAGES)}"]
    argv += [f"--keyring={keyring}"] if keyring.is_file() else []
    argv += [SUITE, str(partial), mirror(), script]
    # In a mount namespace of its own, so no mount it leaves behind after a failure outlives it.
    _sh(["unshare", "--mount", "--propagation", "private", *argv], "debootstrap")
    (partial / MARKER).write_text(" ".join(PACKAGES), encoding="utf-8")
    partial.rename(ROOT_DIR)


def _copy_in() -> None:
    """This machine's CA bundle and resolver (a proxy's CA must be trusted inside too), and uv."""
    from uv import find_uv_bin

    copies = {CA_BUNDLE: ROOT_DIR / str(CA_BUNDLE).lstrip("/"), Path(find_uv_bin()): ROOT_DIR / UV_INSIDE.lstrip("/")}
    resolver = Path("/etc/resolv.conf")
    if resolver.exists():
        copies[resolver.resolve()] = ROOT_DIR / "etc/resolv.conf"
    for source, target in copies.items():
        if source.is_file() and (not target.is_file() or _stamp(target) != _stamp(source)):
            target.parent.mkdir(parents=True, exist_ok=True)
            if target.is_symlink():
                target.unlink()
            shutil.copy2(source, target)


def _stamp(path: Path) -> tuple[int, int]:
    status = path.stat()
    return status.st_size, int(status.st_mtime)
