#!/usr/bin/env bash
# Runs every test of the repository, the way CI does: installs what the tests need (as root on Debian),
# builds the solution, starts a private Docker engine (scripts/engine.sh) with the registry-free test image
# (scripts/test-image.sh), runs each test project with TRX results against it, stops the engine, and ends
# with ONE line:
#   N passed, N failed, N skipped
# Exit code: 0 only when everything built, the engine started, at least one test ran and none failed.
#
# Environment:
#   EZH_ARTIFACTS_PATH  build into this folder instead of bin/ and obj/ (parallel checkouts, CI caches)
#   EZH_RESULTS_DIR     where the .trx files go (default: artifacts/test-results)
# The tests get DOCKER_HOST and EZH_TEST_DOCKER_HOST, both the private engine's socket, and
# EZH_TEST_REMOTE_DOCKER_HOST, a second engine in a network namespace of its own, with iptables there (a "remote
# server" for the multi-server deploy test, and the firewall the confinement tests need). The engines take their networks from 172.26.0.0/16 and 172.23.0.0/16 and the deploy
# tests publish fixed ports: one run per machine at a time.
set -uo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$repo"

# --- tools the tests need -----------------------------------------------------------------------------
# The sample and renderer tests run Debian's docker-compose on every stack; the deploy tests need a real engine
# (dockerd, and the docker CLI that engine.sh and test-image.sh drive) and the static busybox of the test image.
# shellcheck source=packages.sh
source "$repo/scripts/packages.sh"
need_command docker-compose docker-compose
need_command dockerd docker.io
need_command docker docker.io
need_command ip iproute2 # the remote engine's network namespace
need_command iptables iptables # the remote engine's firewall (the confinement tests)
need_static_busybox
# The native runner check below: Native AOT links with clang and zlib.
need_command clang clang
[[ -f /usr/include/zlib.h ]] || need_package zlib1g-dev
# TimeZoneTableTests compare the vendored time zone table with this machine's database.
[[ -f /usr/share/zoneinfo/tzdata.zi ]] || need_package tzdata
install_needed
if ! command -v dotnet >/dev/null 2>&1; then
  echo "error: the .NET SDK (dotnet) is not on PATH" >&2
  exit 1
fi

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

artifacts=()
[[ -n ${EZH_ARTIFACTS_PATH:-} ]] && artifacts=(--artifacts-path "$EZH_ARTIFACTS_PATH")
results="${EZH_RESULTS_DIR:-$repo/artifacts/test-results}"
rm -rf "$results"
mkdir -p "$results"

# --- build --------------------------------------------------------------------------------------------
if ! dotnet build EzHomelab.sln -nologo -v quiet "${artifacts[@]}"; then
  echo "error: the build failed" >&2
  echo "0 passed, 0 failed, 0 skipped"
  exit 1
fi

# --- the native runner -----------------------------------------------------------------------------------
# The samples set PublishAot, and the guide recommends a native runner: a trimming or AOT warning (EzHomelab's or
# the lab's) fails here, as does a native runner that cannot render.
native=$(mktemp -d /tmp/ezh-native.XXXXXX)
if ! dotnet publish samples/LocalLab -c Release -r linux-x64 -nologo -v quiet -warnaserror -o "$native/bin" ||
  ! "$native/bin/LocalLab" render --out "$native/root" >/dev/null; then
  rm -rf "$native"
  echo "error: samples/LocalLab's native runner did not publish without a warning, or did not render" >&2
  echo "0 passed, 0 failed, 0 skipped"
  exit 1
fi
rm -rf "$native"

# --- a private Docker engine for the deploy tests --------------------------------------------------------
# Its own daemon, data root and socket (a daemon already on the machine is left alone), stopped on every exit:
# success, failure, Ctrl-C. Without an engine the deploy tests cannot run: they still run, pointed at the missing
# socket, and fail (never skip), and the run fails.
# shellcheck source=engine.sh
source "$repo/scripts/engine.sh"
engine_name="test-$$"
remote_name="test-remote-$$"
engine_problem=""
stop_engine() {
  # Once: and a second Ctrl-C must not leave a half-stopped daemon behind (engine_stop gives up after 15 s).
  trap - EXIT
  trap '' INT TERM
  engine_stop "$remote_name"
  engine_stop "$engine_name"
}
trap stop_engine EXIT
# A signal ends the run through the EXIT trap, so the engine stops then too.
trap 'exit 130' INT
trap 'exit 143' TERM

# Job control while it starts puts the daemon in a process group of its own: a Ctrl-C in the terminal then
# reaches the tests and this script, not dockerd, which would otherwise shut down by itself and wait 10 s for
# every container that ignores SIGTERM before stop_engine could remove them.
set -m
engine_start "$engine_name" 172.26.0.0/16
engine_started=$?
remote_started=1
# The remote engine also has its firewall (iptables, in its namespace only): the confinement tests need it.
((engine_started != 0)) || { engine_start "$remote_name" 172.23.0.0/16 "ezh-remote-$$" iptables; remote_started=$?; }
set +m
if ((engine_started != 0 || remote_started != 0)); then
  engine_problem="the private Docker engines did not start"
elif ! DOCKER_HOST="$(engine_host "$engine_name")" scripts/test-image.sh || ! DOCKER_HOST="$(engine_host "$remote_name")" scripts/test-image.sh; then
  engine_problem="the test image ezhomelab/busybox:local could not be built"
fi
# Also when an engine is down: pointed at its missing socket, the deploy tests fail.
DOCKER_HOST=$(engine_host "$engine_name")
EZH_TEST_DOCKER_HOST=$DOCKER_HOST
EZH_TEST_REMOTE_DOCKER_HOST=$(engine_host "$remote_name")
export DOCKER_HOST EZH_TEST_DOCKER_HOST EZH_TEST_REMOTE_DOCKER_HOST
if [[ -n $engine_problem ]]; then
  echo "error: $engine_problem (see above); the deploy tests will fail and so will this run" >&2
fi

# --- test, one project at a time (two cores; and one TRX file per project) -------------------------------
mapfile -t projects < <(find tests -name '*.csproj' -not -path '*/bin/*' -not -path '*/obj/*' | sort)
if ((${#projects[@]} == 0)); then
  echo "error: no test projects under tests/" >&2
  echo "0 passed, 0 failed, 0 skipped"
  exit 1
fi

status=0
for project in "${projects[@]}"; do
  name="$(basename "$project" .csproj)"
  if ! dotnet test "$project" --no-build -nologo "${artifacts[@]}" \
      --logger "trx;LogFileName=$name.trx" --results-directory "$results"; then
    status=1
  fi
  if [[ ! -f $results/$name.trx ]]; then
    echo "error: $name produced no test results (crashed before reporting?)" >&2
    status=1
  fi
done

# --- one summary line from the TRX counters ----------------------------------------------------------
counter() { # counter FILE NAME → the value of NAME="n" in the Counters element (0 when absent)
  grep -o '<Counters [^>]*>' "$1" | grep -o " $2=\"[0-9]*\"" | grep -o '[0-9]\+' || echo 0
}
passed=0 failed=0 skipped=0
for trx in "$results"/*.trx; do
  [[ -f $trx ]] || continue
  passed=$((passed + $(counter "$trx" passed)))
  failed=$((failed + $(counter "$trx" failed) + $(counter "$trx" error) + $(counter "$trx" timeout) + $(counter "$trx" aborted)))
  skipped=$((skipped + $(counter "$trx" notExecuted)))
done

if ((failed > 0)); then status=1; fi
if [[ -n $engine_problem ]]; then
  echo "error: $engine_problem" >&2
  status=1
fi
if ((passed + failed == 0)); then
  echo "error: no tests ran" >&2
  status=1
fi
echo "$passed passed, $failed failed, $skipped skipped"
exit $status
