#!/usr/bin/env bash
# Installs the Debian packages that CI and bench/ need:
#   postgresql (server + client), chromium, chromium-driver,
#   prometheus-alertmanager, prometheus, wrk, jq, curl, fonts-liberation.
# Skips apt entirely when everything is already present, so reruns are fast.
# Usable as a script (`bash .ci/install-tools.sh`) or sourced (then call install_tools).
set -euo pipefail

KLAXON_PG_BIN_DEFAULT=/usr/lib/postgresql/15/bin

# Each entry: "debian-package:probe", where probe is a command name or an absolute path
# that exists once the package is installed, or "-" to rely on dpkg alone.
# fonts-liberation is only a Recommends of chromium, which --no-install-recommends skips;
# without it headless pages render with whatever fallback font the machine has.
_KLAXON_TOOLS=(
  "postgresql:${KLAXON_PG_BIN_DEFAULT}/initdb"
  "chromium:chromium"
  "chromium-driver:chromedriver"
  "prometheus-alertmanager:prometheus-alertmanager"
  "prometheus:prometheus"
  "wrk:wrk"
  "jq:jq"
  "curl:curl"
  "fonts-liberation:-"
)

_tool_present() {
  local pkg=$1 probe=$2
  if [[ $probe == - ]]; then
    :
  elif [[ $probe == /* ]]; then
    [[ -x $probe ]] || return 1
  else
    command -v "$probe" >/dev/null 2>&1 || return 1
  fi
  dpkg -s "$pkg" >/dev/null 2>&1
}

install_tools() {
  local missing=() entry pkg probe
  for entry in "${_KLAXON_TOOLS[@]}"; do
    pkg=${entry%%:*}
    probe=${entry#*:}
    if ! _tool_present "$pkg" "$probe"; then
      missing+=("$pkg")
    fi
  done
  if ((${#missing[@]} == 0)); then
    echo "install-tools: all tools already installed, skipping apt"
    return 0
  fi

  local sudo=()
  if [[ $(id -u) -ne 0 ]]; then
    sudo=(sudo)
  fi

  echo "install-tools: installing ${missing[*]}"
  local start=$SECONDS
  # Keep packages that ship services (postgresql, alertmanager, prometheus) from starting them.
  local policy=/usr/sbin/policy-rc.d policy_backup=""
  if [[ -e $policy ]]; then
    policy_backup=$(mktemp)
    "${sudo[@]}" cp -p "$policy" "$policy_backup"
  fi
  printf '#!/bin/sh\nexit 101\n' | "${sudo[@]}" tee "$policy" >/dev/null
  "${sudo[@]}" chmod 755 "$policy"

  local rc=0
  (
    export DEBIAN_FRONTEND=noninteractive
    "${sudo[@]}" apt-get update -qq
    "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
      --no-install-recommends \
      -o Dpkg::Options::=--force-confdef -o Dpkg::Options::=--force-confold \
      "${missing[@]}" </dev/null
  ) || rc=$?

  if [[ -n $policy_backup ]]; then
    "${sudo[@]}" mv "$policy_backup" "$policy"
  else
    "${sudo[@]}" rm -f "$policy"
  fi

  if ((rc != 0)); then
    echo "install-tools: apt-get failed with status $rc" >&2
    return "$rc"
  fi
  echo "install-tools: done in $((SECONDS - start)) s"
}

if [[ ${BASH_SOURCE[0]} == "$0" ]]; then
  install_tools
fi
