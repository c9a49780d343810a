#!/usr/bin/env bash
# Installs the Debian packages the tests and the app need, only when something is missing.
set -euo pipefail
packages=(chromium zbar-tools postgresql fonts-noto-cjk)
missing=()
command -v chromium >/dev/null || missing+=(chromium)
command -v zbarimg >/dev/null || missing+=(zbar-tools)
ls /usr/lib/postgresql/*/bin/postgres >/dev/null 2>&1 || missing+=(postgresql)
fc-list 2>/dev/null | grep -qi 'Noto Sans CJK' || missing+=(fonts-noto-cjk)
if ((${#missing[@]} > 0)); then
  echo "installing: ${missing[*]}"
  apt-get update -q
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q "${missing[@]}"
else
  echo "system packages present: ${packages[*]}"
fi
