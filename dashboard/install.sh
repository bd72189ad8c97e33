#!/usr/bin/env bash
# Installs what the reference dashboard needs, and only what is missing (run
# as root; tools/dashboard.sh and test/shell/dashboard.sh call it):
#
#   dashboard/install.sh           the server: Debian's python3 and
#                                  python3-psycopg2; nodejs and npm; ECharts,
#                                  pinned by package-lock.json (npm ci)
#   dashboard/install.sh browser   and, for the test, Debian's headless
#                                  Chromium and a Chinese font (WenQuanYi Micro
#                                  Hei) for its screenshots
#
# Idempotent: with everything there it changes nothing and needs no network.
# npm: Debian's npm package is installed only when there is no npm command
# (NodeSource's nodejs, where a machine has it, brings its own npm and
# conflicts with Debian's).  npm ci runs when node_modules is missing or older
# than package-lock.json.
set -euo pipefail
cd "$(dirname "$0")"

packages=(python3 python3-psycopg2 nodejs)
case ${1:-} in
    "") ;;
    browser) packages+=(chromium fonts-wqy-microhei) ;;
    *) echo "usage: dashboard/install.sh [browser]" >&2; exit 2 ;;
esac

missing=()
for p in "${packages[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
command -v npm >/dev/null || missing+=(npm)

if ((${#missing[@]})); then
    [ "$(id -u)" = 0 ] || { echo "dashboard/install.sh: ${missing[*]} missing: run me as root" >&2; exit 1; }
    echo "dashboard: installing ${missing[*]}"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -q
    apt-get install -y -q --no-install-recommends "${missing[@]}"
fi

if [ ! -f node_modules/echarts/dist/echarts.min.js ] || [ ! -f node_modules/.package-lock.json ] ||
   [ package-lock.json -nt node_modules/.package-lock.json ]; then
    echo "dashboard: npm ci (ECharts $(sed -n 's/.*"echarts": *"\([^"]*\)".*/\1/p' package.json | head -n 1), pinned by package-lock.json)"
    npm ci --no-audit --no-fund --loglevel=error
fi
