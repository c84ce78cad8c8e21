#!/bin/bash
# Builds the PacmanTest repositories into $1, by hand as .ci/hosts.sh's make_pacman_pkgs does
# (makepkg refuses to run as root): a .PKGINFO, bsdtar, zstd, repo-add; gpg with a throwaway home.
#   $1/v1, $1/v2   repository "rmotepac" at two points in time (every package 1.0-1, then 2.0-1);
#                  rmote-pkgs-conf owns etc/rmote-pkgs.conf, declared a backup file
#   $1/signed      repository "rmotepacsig": rmote-pac-signed 1.0-1 with a detached signature
#   $1/key.asc     the public key that signed it; $1/other.asc a key that signed nothing
set -euo pipefail
out=$1
mkdir -p "$out/v1" "$out/v2" "$out/signed"
pkg() {  # dir name version [extra .PKGINFO lines]
  local dir=$1 n=$2 v=$3 extra=${4:-} d
  d=$(mktemp -d)
  mkdir -p "$d/usr/share/rmote-pac"
  printf '%s %s\n' "$n" "$v" > "$d/usr/share/rmote-pac/$n"
  { printf 'pkgname = %s\npkgbase = %s\npkgver = %s\npkgdesc = rmote test package\n' "$n" "$n" "$v"
    printf 'url = https://example.invalid\nbuilddate = 1700000000\npackager = Lab <lab@example.invalid>\n'
    printf 'size = 20\narch = any\nlicense = MIT\n%b' "$extra"; } > "$d/.PKGINFO"
  (cd "$d" && LANG=C bsdtar --uid 0 --gid 0 --uname root --gname root -cf - .PKGINFO usr \
     | zstd -q -c > "$dir/$n-$v-any.pkg.tar.zst")
  rm -rf "$d"
}
conf() {  # dir version: rmote-pkgs-conf, owning etc/rmote-pkgs.conf, a backup file (.pacsave)
  local dir=$1 n=rmote-pkgs-conf v=$2 d
  d=$(mktemp -d)
  mkdir -p "$d/etc"
  printf 'setting = %s\n' "$v" > "$d/etc/rmote-pkgs.conf"
  { printf 'pkgname = %s\npkgbase = %s\npkgver = %s\npkgdesc = rmote test package\n' "$n" "$n" "$v"
    printf 'url = https://example.invalid\nbuilddate = 1700000000\npackager = Lab <lab@example.invalid>\n'
    printf 'size = 20\narch = any\nlicense = MIT\nbackup = etc/rmote-pkgs.conf\n'; } > "$d/.PKGINFO"
  (cd "$d" && LANG=C bsdtar --uid 0 --gid 0 --uname root --gname root -cf - .PKGINFO etc \
     | zstd -q -c > "$dir/$n-$v-any.pkg.tar.zst")
  rm -rf "$d"
}
for v in 1.0-1 2.0-1; do
  dir=$out/v${v%%.*}
  pkg "$dir" rmote-pac-a "$v" 'depend = rmote-pac-lib\n'
  pkg "$dir" rmote-pac-lib "$v"
  pkg "$dir" rmote-pac-b "$v" 'group = rmote-pac-group\n'
  pkg "$dir" rmote-pac-c "$v" 'group = rmote-pac-group\nprovides = rmote-pac-virtual\n'
  pkg "$dir" rmote-pac-keyring "$v"
  conf "$dir" "$v"
  repo-add -q "$dir/rmotepac.db.tar.gz" "$dir"/*.pkg.tar.zst 2>/dev/null
done
export GNUPGHOME=$(mktemp -d)
trap 'gpgconf --kill all >/dev/null 2>&1 || true; rm -rf "$GNUPGHOME"' EXIT
gpg -q --batch --pinentry-mode loopback --passphrase '' --quick-gen-key 'rmote pac test <pac@example.invalid>' ed25519 sign never 2>/dev/null
gpg -q --batch --armor --export > "$out/key.asc"
pkg "$out/signed" rmote-pac-signed 1.0-1
pkg "$out/signed" rmote-pac-unsigned 1.0-1
gpg -q --batch --detach-sign --no-armor "$out/signed/rmote-pac-signed-1.0-1-any.pkg.tar.zst"
repo-add -q "$out/signed/rmotepacsig.db.tar.gz" "$out/signed"/*.pkg.tar.zst 2>/dev/null
rm -rf "$GNUPGHOME"; export GNUPGHOME=$(mktemp -d)
gpg -q --batch --pinentry-mode loopback --passphrase '' --quick-gen-key 'rmote pac other <other@example.invalid>' ed25519 sign never 2>/dev/null
gpg -q --batch --armor --export > "$out/other.asc"
