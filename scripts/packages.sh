# shellcheck shell=bash
# Installs the Debian packages a script needs, when missing. Source this file, then:
#   need_command COMMAND PACKAGE ...   # PACKAGE is installed when COMMAND is not on PATH
#   need_package PACKAGE               # installed unconditionally (the caller checked it is missing)
#   install_needed                     # apt-get install of what was collected; as root on Debian, else one error line
# Exits the calling script with 1 when something is missing and cannot be installed.

declare -gA _needed_packages=()

need_command() {
  local command=${1:?need_command COMMAND PACKAGE} package=${2:?need_command COMMAND PACKAGE}
  command -v "$command" >/dev/null 2>&1 || _needed_packages[$package]=1
}

need_package() { _needed_packages[${1:?need_package PACKAGE}]=1; }

# The test image holds nothing but busybox, so it must be the static build: a dynamically linked one (Debian's
# `busybox` package) finds no C library there. ldd (libc-bin, on every Debian) fails on a static binary.
need_static_busybox() {
  if [[ ! -x /bin/busybox ]] || ldd /bin/busybox >/dev/null 2>&1; then need_package busybox-static; fi
}

install_needed() {
  local missing=("${!_needed_packages[@]}")
  ((${#missing[@]})) || return 0
  if [[ $(id -u) -ne 0 ]] || ! command -v apt-get >/dev/null 2>&1; then
    echo "error: missing ${missing[*]}; install them (e.g. sudo apt-get install ${missing[*]}) and run again" >&2
    exit 1
  fi
  echo "installing: ${missing[*]}" >&2
  export DEBIAN_FRONTEND=noninteractive
  if ! { apt-get update -qq && apt-get install -y -qq --no-install-recommends "${missing[@]}"; } >/dev/null; then
    echo "error: apt-get could not install ${missing[*]}" >&2
    exit 1
  fi
}
