#!/usr/bin/env bash
# Installs what Ferry's demo, tests and benchmarks need, and nothing twice:
#  - Debian packages (as root, with apt-get) when a command they provide is missing;
#  - npm dependencies (npm ci) when node_modules does not match package-lock.json.
set -euo pipefail
cd "$(dirname "$0")/.."

# command -> Debian package that provides it
declare -A needs=(
  [git]=git
  [unzip]=unzip
  [prometheus]=prometheus   # the analysis tests run a real Prometheus on 127.0.0.1
  [promtool]=prometheus     # and backfill it with promtool tsdb create-blocks-from openmetrics
  [openssl]=openssl         # a certificate for the test Prometheus that serves HTTPS
  [jq]=jq                   # the workflows' run steps read plan reports with jq; their tests run them
)
missing=()
for cmd in "${!needs[@]}"; do
  command -v "$cmd" >/dev/null 2>&1 || missing+=("${needs[$cmd]}")
done
# git daemon ships with git, but check it: the integration tests serve repositories with it.
if command -v git >/dev/null 2>&1 && [ ! -x "$(git --exec-path)/git-daemon" ]; then missing+=(git-daemon-sysvinit); fi
if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" -ne 0 ]; then
    echo "bootstrap: missing Debian packages: ${missing[*]} (run as root, or: sudo apt-get install ${missing[*]})" >&2
    exit 1
  fi
  echo "bootstrap: installing ${missing[*]}" >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  # shellcheck disable=SC2046
  apt-get install -y -qq --no-install-recommends $(printf '%s\n' "${missing[@]}" | sort -u) >/dev/null
fi

stamp=node_modules/.ferry-lock-hash
want=$(sha256sum package-lock.json | cut -d' ' -f1)
if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$want" ]; then
  echo "bootstrap: npm ci" >&2
  npm ci --no-audit --no-fund --loglevel=error
  echo "$want" > "$stamp"
fi
