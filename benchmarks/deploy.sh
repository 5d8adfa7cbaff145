#!/usr/bin/env bash
# Runs the deploy benchmarks against a real Docker engine of their own, then cleans everything up:
#
#   benchmarks/deploy.sh [EXTRA BENCHMARKDOTNET ARGUMENTS]     # as root, on Debian
#
# 1. installs docker.io, docker-compose, busybox-static, time, clang and zlib1g-dev when missing (apt-get);
# 2. starts a private dockerd INSIDE a network namespace of its own (ezh-bench by default), so the ports LocalLab
#    publishes (127.0.0.1:18080-18082) exist only in that namespace and never clash with another engine or test run on
#    the machine; its socket is /tmp/ezh-bench.sock (by default) on the shared /tmp, so this script, docker-compose and
#    the benchmark process (all in the host namespace) drive it through DOCKER_HOST;
# 3. builds the registry-free image ezhomelab/busybox:local on it (scripts/test-image.sh);
# 4. publishes samples/LocalLab's native runner, then runs
#    `dotnet run -c Release --project benchmarks/EzHomelab.Benchmarks -- --filter '*Deploy*' '*PlanProcess*'`
#    (DeployBenchmarks, DeployChangeBenchmarks, DeployProcessBenchmarks, NativeDeployProcessBenchmarks, FullLab…, PlanProcessBenchmarks) with any extra
#    arguments given, then the phase profile (--deploy-profile: runner and compose runs alternating, so both see the
#    same background load) and the peak-memory mode (--deploy-memory);
# 5. always (success, failure, Ctrl-C) removes the containers, stops that daemon by its own pid, unmounts what it
#    left under its folders, and deletes the namespace.
#
# The engine takes its networks from 172.24.0.0/16. One run per machine at a time with these defaults (the engine and
# the namespace have fixed names); to run next to another engine, give this one names of its own:
#
#   EZH_BENCH_ENGINE=perf EZH_BENCH_POOL=172.28.0.0/16 EZH_BENCH_NETNS=ezh-perf benchmarks/deploy.sh
#
# (engine name: its socket /tmp/ezh-NAME.sock and folder /tmp/ezh-engine-NAME; pool: the CIDR its networks come from,
# which must not overlap another engine's; namespace: where its published ports live).
set -uo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$repo"

engine=${EZH_BENCH_ENGINE:-bench}
netns=${EZH_BENCH_NETNS:-ezh-bench}
pool=${EZH_BENCH_POOL:-172.24.0.0/16}
unset EZH_BENCH_ROOTS # set below, to a folder of this run's own (cleanup removes it)

if [[ $(id -u) -ne 0 ]]; then
  echo "error: run as root: the engine needs a network namespace and mounts (sudo $0)" >&2
  exit 1
fi

# --- tools -----------------------------------------------------------------------------------------------
# shellcheck source=../scripts/packages.sh
source "$repo/scripts/packages.sh"
need_command dockerd docker.io
need_command docker docker.io
need_command docker-compose docker-compose
# Native AOT links the native runner with clang and zlib (NativeDeployProcessBenchmarks).
need_command clang clang
[[ -f /usr/include/zlib.h ]] || need_package zlib1g-dev
need_command nsenter util-linux
need_command ip iproute2
need_static_busybox
# GNU time (not the shell keyword) cross-checks the peak-memory mode.
[[ -x /usr/bin/time ]] || need_package time
install_needed
if ! command -v dotnet >/dev/null 2>&1; then
  echo "error: the .NET SDK (dotnet) is not on PATH" >&2
  exit 1
fi
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

# --- the namespaced engine -------------------------------------------------------------------------------
# shellcheck source=../scripts/engine.sh
source "$repo/scripts/engine.sh"
socket=$(engine_socket "$engine")

# The step running now (dotnet run …): in a process group of its own, so a signal reaches this script's trap at once
# (bash runs a trap only after a foreground command ends, but interrupts `wait`), and cleanup can stop the whole step.
step=""
run_step() {
  set -m
  "$@" &
  step=$!
  set +m
  wait "$step"
  local rc=$?
  step=""
  return $rc
}

cleanup() {
  # Once; a second Ctrl-C must not leave a half-stopped daemon behind.
  trap - EXIT
  trap '' INT TERM
  if [[ -n $step ]]; then
    # The interrupted step's process group (dotnet run, the benchmark processes, their docker-compose children).
    kill -TERM -- "-$step" 2>/dev/null
    local waited=0
    while kill -0 -- "-$step" 2>/dev/null && ((waited < 100)); do sleep 0.1; waited=$((waited + 1)); done
    kill -KILL -- "-$step" 2>/dev/null
  fi
  engine_stop "$engine"
  # The benchmarks' temporary roots (rendered stacks, secrets); a benchmark that was killed leaves its own behind.
  [[ -n ${EZH_BENCH_ROOTS:-} ]] && rm -rf "$EZH_BENCH_ROOTS"
  echo "benchmark engine stopped, namespace $netns removed" >&2
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# Job control while it starts puts the daemon in a process group of its own: a Ctrl-C reaches the benchmarks
# and this script, not dockerd (which would otherwise start shutting down before cleanup can remove containers).
set -m
engine_start "$engine" "$pool" "$netns"
started=$?
set +m
if ((started != 0)); then
  echo "error: the benchmark engine did not start" >&2
  exit 1
fi
export DOCKER_HOST="unix://$socket"
echo "benchmark engine: $(docker version -f '{{.Server.Version}} (API {{.Server.APIVersion}})'), in network namespace $netns, DOCKER_HOST=$DOCKER_HOST" >&2
if ! scripts/test-image.sh; then
  echo "error: the image ezhomelab/busybox:local could not be built" >&2
  exit 1
fi

# --- benchmarks --------------------------------------------------------------------------------------------
# Every root the benchmarks render into goes under one folder, removed by cleanup whatever happens.
EZH_BENCH_ROOTS=$(mktemp -d /tmp/ezh-bench-roots.XXXXXX)
export EZH_BENCH_ROOTS
status=0
# The native runner NativeDeployProcessBenchmarks starts (the samples set PublishAot).
run_step dotnet publish samples/LocalLab -c Release -r linux-x64 -nologo -v:q || status=1
run_step dotnet run -c Release --project benchmarks/EzHomelab.Benchmarks -- --filter '*Deploy*' '*PlanProcess*' "$@" || status=1
run_step dotnet run -c Release --no-build --project benchmarks/EzHomelab.Benchmarks -- --deploy-profile || status=1
run_step dotnet run -c Release --no-build --project benchmarks/EzHomelab.Benchmarks -- --deploy-memory || status=1
exit $status
