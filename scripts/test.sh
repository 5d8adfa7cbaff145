#!/usr/bin/env bash
# Runs every test of the repository, the way CI does: installs what the tests need (as root on Debian),
# builds the solution, runs each test project with TRX results, and ends with ONE line:
#   N passed, N failed, N skipped
# Exit code: 0 only when everything built, at least one test ran and none failed.
#
# Environment:
#   EZH_ARTIFACTS_PATH  build into this folder instead of bin/ and obj/ (parallel checkouts, CI caches)
#   EZH_RESULTS_DIR     where the .trx files go (default: artifacts/test-results)
set -uo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$repo"

# --- tools the tests need -----------------------------------------------------------------------------
# command → Debian package. The sample and renderer tests run Debian's docker-compose on every stack.
declare -A needed=([docker-compose]=docker-compose)
missing=()
for tool in "${!needed[@]}"; do
  command -v "$tool" >/dev/null 2>&1 || missing+=("${needed[$tool]}")
done
if ((${#missing[@]})); then
  if [[ $(id -u) -eq 0 ]] && command -v apt-get >/dev/null 2>&1; then
    echo "installing: ${missing[*]}" >&2
    export DEBIAN_FRONTEND=noninteractive
    if ! { apt-get update -qq && apt-get install -y -qq --no-install-recommends "${missing[@]}"; } >/dev/null; then
      echo "error: apt-get could not install ${missing[*]}" >&2
      exit 1
    fi
  else
    echo "error: missing ${missing[*]}; install them (e.g. sudo apt-get install ${missing[*]}) and run again" >&2
    exit 1
  fi
fi
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
if ((passed + failed == 0)); then
  echo "error: no tests ran" >&2
  status=1
fi
echo "$passed passed, $failed failed, $skipped skipped"
exit $status
