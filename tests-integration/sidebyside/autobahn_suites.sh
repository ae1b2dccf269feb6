#!/usr/bin/env bash
# Autobahn's own test suites on a txaio install, as a new user would run them.
# A manual check (network, a few minutes), not part of CI.
#
#   bash tests-integration/sidebyside/autobahn_suites.sh ours   [WORKDIR]   # txaio[twisted] from this repo's wheels
#   bash tests-integration/sidebyside/autobahn_suites.sh 26.6.1 [WORKDIR]   # txaio 26.6.1 from the registry
#
# Autobahn runs its Twisted suite with trial and USE_TWISTED=1, and its asyncio suite
# with pytest and USE_ASYNCIO=1 leaving out autobahn/twisted (its justfile: test-twisted,
# test-asyncio). Its wheel ships the tests, so they run against the installed package.
# The last lines of each suite's log are printed; the logs stay in WORKDIR.
set -u
which=${1:?usage: autobahn_suites.sh ours|26.6.1 [WORKDIR]}
work=${2:-$(mktemp -d)}
here=$(cd "$(dirname "$0")/../.." && pwd)
python=${PYTHON:-python3}
autobahn=${AUTOBAHN:-autobahn[twisted,encryption,scram,compress,serialization]==26.10.2}
test_deps=(pytest pytest-asyncio pytest-aiohttp python-snappy pyyaml passlib mock)
mkdir -p "$work"
venv="$work/venv-$which"
rm -rf "$venv"
"$python" -m uv venv --quiet --python "$python" "$venv"
if [ "$which" = ours ]; then
    wheels="$work/wheels"
    rm -rf "$wheels"
    for dist in txaio-core txaio-log txaio-asyncio txaio-twisted txaio-testutil txaio; do
        "$python" -m uv build --wheel --quiet --out-dir "$wheels" "$here/packages/$dist"
    done
    version=$(sed -n 's/^__version__ = "\(.*\)"/\1/p' "$here/packages/txaio/_txaio_meta_version.py")
    txaio=(--find-links "$wheels" "txaio[twisted]==$version")
else
    txaio=("txaio==$which")
fi
"$python" -m uv pip install --quiet --python "$venv/bin/python" "${txaio[@]}" "$autobahn" "${test_deps[@]}"
"$python" -m uv pip list --python "$venv/bin/python" 2>/dev/null | grep -iE '^(txaio|autobahn|twisted|pytest) '
site=$("$venv/bin/python" -c 'import autobahn, os; print(os.path.dirname(os.path.dirname(autobahn.__file__)))')
run="$work/run-$which"
mkdir -p "$run"
cd "$run" || exit 1
USE_TWISTED=1 "$venv/bin/python" -m twisted.trial --no-recurse autobahn.test autobahn.twisted.test \
    autobahn.websocket.test autobahn.rawsocket.test autobahn.wamp.test autobahn.nvx.test >"$work/trial-$which.log" 2>&1
trial=$?
USE_ASYNCIO=1 "$venv/bin/python" -m pytest -q -p no:cacheprovider --rootdir="$site/autobahn" \
    --ignore="$site/autobahn/twisted" "$site/autobahn" >"$work/pytest-$which.log" 2>&1
pytest=$?
echo "== Twisted (trial, USE_TWISTED=1), exit code $trial:"
grep -E "^(Ran|PASSED|FAILED)" "$work/trial-$which.log"
echo "== asyncio (pytest, USE_ASYNCIO=1), exit code $pytest:"
tail -n 1 "$work/pytest-$which.log"
[ "$trial" -eq 0 ] && [ "$pytest" -eq 0 ]
