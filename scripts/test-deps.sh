#!/usr/bin/env bash
# What the tests need besides npm packages: the oracles nobody here wrote (binutils, gcc and
# qemu-user for s390x) and the real guests. Installs what is missing; quiet when all is there.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
need=(binutils-s390x-linux-gnu gcc-s390x-linux-gnu qemu-user-static xz-utils cpio)
missing=()
for p in "${need[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" -ne 0 ]; then
    echo "s390x-wasm: the tests need: sudo apt-get install ${missing[*]}" >&2
    exit 1
  fi
  echo "s390x-wasm: installing ${missing[*]}" >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >/dev/null
  apt-get install -y -qq "${missing[@]}" >/dev/null
fi
bash "$here/scripts/fetch-guests.sh"
