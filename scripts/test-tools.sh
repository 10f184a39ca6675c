#!/usr/bin/env bash
# The system tools the test suite drives, installed with apt-get when missing: Debian's Chromium
# (the browser end-to-end tests), nginx (frontend/nginx.conf is tested with it), docker-compose
# (the compose file is validated with it) and curl (the README's upload line). Without root it
# names what to install and fails: the suite never skips a test for a missing tool.
set -euo pipefail

need=()
[ -x /usr/bin/chromium ] || need+=(chromium)
command -v nginx >/dev/null || [ -x /usr/sbin/nginx ] || need+=(nginx-light)
command -v docker-compose >/dev/null || need+=(docker-compose)
command -v curl >/dev/null || need+=(curl)
[ ${#need[@]} -eq 0 ] && exit 0

if [ "$(id -u)" -eq 0 ]; then
  sudo=()
elif command -v sudo >/dev/null && sudo -n true 2>/dev/null; then
  sudo=(sudo)
else
  echo "The tests need these Debian packages: ${need[*]}" >&2
  echo "Install them (sudo apt-get install ${need[*]}), then run make test again." >&2
  exit 1
fi
echo "installing ${need[*]} for the tests"
export DEBIAN_FRONTEND=noninteractive
"${sudo[@]}" apt-get update -qq
"${sudo[@]}" apt-get install -y -qq "${need[@]}" >/dev/null
