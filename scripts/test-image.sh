#!/usr/bin/env bash
# Builds the image samples/LocalLab and the deploy tests run, ezhomelab/busybox:local, without any registry:
# a root filesystem holding only a static busybox (with its applets as symlinks), imported with `docker import`.
# It serves /www/index.html with `httpd -f -p 8080 -h /www`, and has wget, nc, sh and sleep.
#
#   scripts/test-image.sh [--force]
#
# Builds against whatever DOCKER_HOST (or the active docker context) points to. Does nothing when the image
# is already there, unless --force. Needs Debian's busybox-static (a dynamically linked busybox will not run
# in an image without a C library).
set -euo pipefail

image=ezhomelab/busybox:local
force=false
for arg in "$@"; do
  case $arg in
    --force) force=true ;;
    -h | --help) sed -n '2,9p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "error: unknown argument '$arg' (usage: $0 [--force])" >&2; exit 2 ;;
  esac
done

if ! docker version >/dev/null 2>&1; then
  echo "error: no Docker engine answers at ${DOCKER_HOST:-the default endpoint}; start one (scripts/engine.sh) or set DOCKER_HOST" >&2
  exit 1
fi
if ! $force && docker image inspect "$image" >/dev/null 2>&1; then
  echo "$image is already there (use --force to rebuild)" >&2
  exit 0
fi

busybox=""
for candidate in /bin/busybox /usr/bin/busybox; do
  [[ -x $candidate ]] && { busybox=$candidate; break; }
done
if [[ -z $busybox ]]; then
  echo "error: busybox is not installed; install the static build (Debian: apt-get install busybox-static)" >&2
  exit 1
fi
# ldd (libc-bin, on every Debian) succeeds only on a dynamically linked program.
if ldd "$busybox" >/dev/null 2>&1; then
  echo "error: $busybox is dynamically linked and would not run in an empty image; install busybox-static" >&2
  exit 1
fi

rootfs=$(mktemp -d /tmp/ezh-busybox-rootfs.XXXXXX)
# mktemp makes it 0700, and the tar would give the image a / that only root can enter.
chmod 0755 "$rootfs"
trap 'rm -rf "$rootfs"' EXIT
mkdir -p "$rootfs/bin" "$rootfs/etc" "$rootfs/tmp" "$rootfs/www"
chmod 1777 "$rootfs/tmp"
cp "$busybox" "$rootfs/bin/busybox"
for applet in $("$busybox" --list); do
  [[ $applet == busybox ]] || ln -s busybox "$rootfs/bin/$applet"
done
printf 'root:x:0:0:root:/root:/bin/sh\nnobody:x:65534:65534:nobody:/nonexistent:/bin/false\n' >"$rootfs/etc/passwd"
printf 'root:x:0:\nnogroup:x:65534:\n' >"$rootfs/etc/group"
echo 'hello from busybox' >"$rootfs/www/index.html"

tar --numeric-owner --owner=0 --group=0 -C "$rootfs" -c . |
  docker import -c 'ENV PATH=/bin' -c 'CMD ["/bin/sh"]' - "$image" >/dev/null
echo "built $image" >&2
