#!/usr/bin/env bash
# Fetch the real s390x guests from Debian through apt, by package name, into a cache folder:
#   scripts/fetch-guests.sh [DIR]      (default: .cache/guests in the repository)
# DIR gets vmlinuz and config (linux-image-s390x's current kernel), busybox (busybox-static),
# and packages.txt naming the exact versions. A complete DIR is reused as it is.
# apt runs with its own lists and cache in a temporary folder, so the host's apt state is untouched.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
dir=${1:-${S390X_WASM_GUESTS:-$here/.cache/guests}}
if [ -s "$dir/vmlinuz" ] && [ -s "$dir/busybox" ] && [ -s "$dir/packages.txt" ]; then
  exit 0
fi
mkdir -p "$dir"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/lists/partial" "$work/archives/partial" "$work/root"
apt_opts=(-o APT::Architecture=s390x -o APT::Architectures=s390x
  -o Dir::State::Lists="$work/lists" -o Dir::Cache="$work" -o Dir::Cache::archives="$work/archives"
  -o Debug::NoLocking=1 -o APT::Sandbox::User=root)
echo "s390x-wasm: fetching Debian's linux-image-s390x and busybox-static (s390x) through apt" >&2
apt-get "${apt_opts[@]}" -qq update >/dev/null
kernel_pkg=$(apt-cache "${apt_opts[@]}" depends linux-image-s390x | sed -n 's/^ *Depends: \(linux-image-[0-9][^ ]*\).*/\1/p' | head -n 1)
if [ -z "$kernel_pkg" ]; then
  echo "s390x-wasm: apt knows no kernel package behind linux-image-s390x" >&2
  exit 1
fi
(cd "$work/archives" && apt-get "${apt_opts[@]}" -qq download "$kernel_pkg" busybox-static 2>&1 | grep -v unsandboxed >&2 || true)
: > "$work/packages.txt"
for deb in "$work"/archives/*.deb; do
  dpkg-deb -x "$deb" "$work/root"
  dpkg-deb -f "$deb" Package Version | paste -sd' ' >> "$work/packages.txt"
done
cp "$work"/root/boot/vmlinuz-* "$dir/vmlinuz"
cp "$work"/root/boot/config-* "$dir/config"
cp "$work/root/bin/busybox" "$dir/busybox"
cp "$work/packages.txt" "$dir/packages.txt"
echo "s390x-wasm: guests in $dir:" >&2
sed 's/^/  /' "$dir/packages.txt" >&2
