# shellcheck shell=bash
# A private Docker engine for tests and benchmarks. Source this file, then:
#   engine_start NAME POOL_CIDR [NETNS [iptables]]  # e.g. engine_start test-$$ 172.26.0.0/16; then DOCKER_HOST=$(engine_host NAME)
#   engine_stop NAME                     # removes its containers, stops that daemon by its own pid, cleans up after it
#
# With NETNS the daemon runs inside a network namespace of that name, made for it (and deleted by engine_stop): the
# ports its containers publish then exist only there and cannot clash with anything on the machine. The socket stays
# on the shared /tmp, so processes in the host namespace still drive it through DOCKER_HOST.
#
# Each engine has its own data root, exec root (its own containerd), pidfile, socket and log, all under
# /tmp/ezh-engine-NAME and /tmp/ezh-NAME.sock, so it never touches a daemon that was already running.
# No iptables rules and no docker0 bridge: published ports go through docker-proxy, and every container
# needs a user-defined network (compose always makes one). vfs storage: the test image is 2 MB.
# Without iptables the engine isolates no network from another: a container on an `internal: true` network still
# reaches every other network through its bridge's gateway (Docker enforces `internal` with firewall rules). With
# NETNS, `iptables` as the fourth argument gives the engine its firewall as on a real server: its rules then live in
# that namespace only (iptables is per namespace), never in the machine's.
# POOL_CIDR is the range the engine's networks come from; give every engine a different one, or their
# routes clash.

engine_dir() { echo "/tmp/ezh-engine-$1"; }
engine_socket() { echo "/tmp/ezh-$1.sock"; }
engine_host() { echo "unix://$(engine_socket "$1")"; }

# engine_start NAME POOL_CIDR [NETNS [iptables]]: starts the daemon and waits (at most 20 s) until it answers.
engine_start() {
  local usage='engine_start NAME POOL_CIDR [NETNS [iptables]]'
  local name=${1:?$usage} pool=${2:?$usage} netns=${3:-} firewall=${4:-}
  local dir socket iptables=false
  case $firewall in
    '') ;;
    iptables)
      if [[ -z $netns ]]; then
        echo "error: engine '$name': iptables only in a network namespace of its own (the rules would be the machine's)" >&2
        return 1
      fi
      iptables=true ;;
    *) echo "error: unknown engine option '$firewall' (usage: $usage)" >&2; return 1 ;;
  esac
  dir=$(engine_dir "$name")
  socket=$(engine_socket "$name")
  if ! command -v dockerd >/dev/null 2>&1; then
    echo "error: dockerd is not installed (Debian: apt-get install docker.io)" >&2
    return 1
  fi
  if [[ -f $dir/dockerd.pid ]] && kill -0 "$(cat "$dir/dockerd.pid")" 2>/dev/null; then
    echo "error: engine '$name' is already running (pid $(cat "$dir/dockerd.pid")); stop it with engine_stop $name" >&2
    return 1
  fi
  # Leftovers of a run that was killed before it could clean up.
  engine_stop "$name" >/dev/null 2>&1 || true
  mkdir -p "$dir/data" "$dir/exec"
  local launch=()
  if [[ -n $netns ]]; then
    ip netns del "$netns" 2>/dev/null # a leftover of a run killed before engine_stop
    ip netns add "$netns" && ip -n "$netns" link set lo up || { echo "error: cannot create network namespace '$netns'" >&2; return 1; }
    echo "$netns" >"$dir/netns"
    # nsenter --net enters only the network namespace. (`ip netns exec` also makes a private mount namespace and
    # remounts /sys, which hides the cgroup v1 mounts: dockerd then fails with "Devices cgroup isn't mounted".)
    launch=(nsenter --net="/run/netns/$netns")
  fi

  "${launch[@]}" dockerd --iptables="$iptables" --bridge=none --storage-driver=vfs \
    --data-root "$dir/data" --exec-root "$dir/exec" --pidfile "$dir/dockerd.pid" \
    -H "unix://$socket" --default-address-pool "base=$pool,size=24" \
    >"$dir/dockerd.log" 2>&1 </dev/null &
  local pid=$!
  echo "$pid" >"$dir/launcher.pid"

  local deadline=$((SECONDS + 20))
  until docker -H "unix://$socket" version >/dev/null 2>&1; do
    if ! kill -0 "$pid" 2>/dev/null; then
      echo "error: engine '$name' exited while starting; the end of $dir/dockerd.log:" >&2
      tail -n 20 "$dir/dockerd.log" >&2
      engine_stop "$name" >/dev/null 2>&1
      return 1
    fi
    if ((SECONDS >= deadline)); then
      echo "error: engine '$name' did not answer on $socket within 20 s; the end of $dir/dockerd.log:" >&2
      tail -n 20 "$dir/dockerd.log" >&2
      engine_stop "$name" >/dev/null 2>&1
      return 1
    fi
    sleep 0.1
  done
}

# engine_stop NAME: stops the engine started under NAME (only that one) and removes its folders, socket and namespace.
engine_stop() {
  local name=${1:?engine_stop NAME}
  local dir pid socket
  dir=$(engine_dir "$name")
  socket=$(engine_socket "$name")
  # Containers left behind: removing them at once is faster than the daemon stopping each on its way down (up to
  # 10 s for a process that ignores SIGTERM).
  if [[ -S $socket ]]; then
    docker -H "unix://$socket" ps -aq 2>/dev/null | xargs -r docker -H "unix://$socket" rm -f >/dev/null 2>&1
  fi
  for pidfile in "$dir/dockerd.pid" "$dir/launcher.pid"; do
    [[ -f $pidfile ]] || continue
    pid=$(cat "$pidfile")
    # Only a dockerd we started: a pid file may outlive its process and the number be reused.
    if [[ -n $pid ]] && kill -0 "$pid" 2>/dev/null && [[ $(cat "/proc/$pid/comm" 2>/dev/null) == dockerd ]]; then
      kill -TERM "$pid" 2>/dev/null
      local waited=0
      while kill -0 "$pid" 2>/dev/null && ((waited < 150)); do sleep 0.1; waited=$((waited + 1)); done
      if kill -0 "$pid" 2>/dev/null; then
        echo "warning: engine '$name' (pid $pid) ignored SIGTERM for 15 s; killing it" >&2
        kill -KILL "$pid" 2>/dev/null
        sleep 0.5
      fi
    fi
  done
  if [[ -d $dir ]]; then
    # A killed daemon leaves mounts (netns files, the data root, vfs layers) behind; deepest first.
    local mounts
    mounts=$(awk -v d="$dir" 'index($2, d) == 1 { print $2 }' /proc/self/mounts | sort -r)
    if [[ -n $mounts ]]; then
      while IFS= read -r mount; do umount "$mount" 2>/dev/null || umount -l "$mount" 2>/dev/null || true; done <<<"$mounts"
    fi
    [[ -f $dir/netns ]] && ip netns del "$(cat "$dir/netns")" 2>/dev/null
    rm -rf "$dir"
  fi
  rm -f "$socket"
}
