#!/usr/bin/env bash
# Builds Ferry's app image and .deb (mvn -Ppackage), unpacks the .deb into a temporary root with dpkg -x, runs the
# installed launcher with --version and with `doctor` (command line paths: no display needed), checks the package
# metadata and the size budgets, and prints the figures. Exit 0 when everything holds.
#   packaging/check-linux.sh            build, then check
#   packaging/check-linux.sh --no-build check what target/dist already holds
set -euo pipefail
cd "$(dirname "$0")/.."

APP_IMAGE_BUDGET_MB=80
DEB_BUDGET_MB=50

find_jdk25() {
  for d in "${JAVA_HOME:-}" /usr/lib/jvm/temurin-25-jdk-amd64 /usr/lib/jvm/temurin-25* /usr/lib/jvm/*-25*; do
    if [ -n "$d" ] && [ -x "$d/bin/jpackage" ] && "$d/bin/java" -version 2>&1 | grep -qE 'version "25'; then
      echo "$d"; return 0
    fi
  done
  return 1
}
JAVA_HOME="$(find_jdk25)" || { echo "JDK 25 with jpackage not found under /usr/lib/jvm; install Temurin 25" >&2; exit 1; }
export JAVA_HOME PATH="$JAVA_HOME/bin:$PATH"

# jpackage builds the .deb with dpkg-deb and fakeroot; the runtime's libraries are stripped with binutils.
need=()
for p in fakeroot binutils dpkg-dev; do dpkg -s "$p" >/dev/null 2>&1 || need+=("$p"); done
if [ ${#need[@]} -gt 0 ]; then
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq && apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi

fail() { echo "FAIL: $*" >&2; exit 1; }

if [ "${1:-}" != "--no-build" ]; then
  start=$(date +%s)
  mvn -B -q ${MAVEN_OFFLINE:+-o} -Ppackage -DskipTests package
  echo "build (mvn -Ppackage -DskipTests package): $(( $(date +%s) - start )) s"
fi

echo "--- THIRD-PARTY list (About dialog) matches the dependencies"
list=src/main/resources/io/ferry/THIRD-PARTY.txt
cp "$list" "$list.committed"
mvn -B -q ${MAVEN_OFFLINE:+-o} -Pthird-party generate-resources
if ! cmp -s "$list" "$list.committed"; then
  diff "$list.committed" "$list" || true
  rm -f "$list.committed"
  fail "$list is stale: commit the regenerated file (mvn -Pthird-party generate-resources)"
fi
rm -f "$list.committed"
echo "up to date ($(grep -vc '^#' "$list") libraries)"

image=target/dist/ferry
deb=$(ls target/dist/ferry_*_amd64.deb 2>/dev/null | head -1)
[ -x "$image/bin/ferry" ] || fail "no app image at $image"
[ -n "$deb" ] || fail "no .deb in target/dist"

root=$(mktemp -d)
trap 'rm -rf "$root"' EXIT
dpkg -x "$deb" "$root"
launcher="$root/opt/ferry/bin/ferry"
[ -x "$launcher" ] || fail "the .deb has no /opt/ferry/bin/ferry"

echo "--- ferry --version (from the unpacked .deb)"
version_out=$("$launcher" --version) || fail "ferry --version exited $?"
echo "$version_out"
grep -q '^Ferry ' <<<"$version_out" || fail "--version does not name Ferry"
grep -q '^JavaFX [0-9]' <<<"$version_out" || fail "--version finds no JavaFX"

echo "--- ferry doctor (from the unpacked .deb, data dir in the temporary root)"
FERRY_DATA_DIR="$root/data" "$launcher" doctor || fail "ferry doctor exited $?"
# Again with a store: `ferry list` creates ferry.db, which loads SQLite's native library. The package carries
# only this machine's libsqlitejdbc.so, in lib/app beside the jars (the launcher names it with -Dorg.sqlite.lib.path),
# and a sqlite-jdbc jar without natives, so nothing is extracted to the temporary directory.
app_dir="$root/opt/ferry/lib/app"
[ -s "$app_dir/libsqlitejdbc.so" ] || fail "no libsqlitejdbc.so in /opt/ferry/lib/app"
if "$JAVA_HOME/bin/jar" tf "$app_dir"/sqlite-jdbc-*.jar | grep -q '^org/sqlite/native/.*\.'; then
  fail "the packaged sqlite-jdbc jar still carries native libraries"
fi
# -Xlog:library names the file the JVM loads: it must be the one in lib/app, not a copy extracted to /tmp.
JAVA_TOOL_OPTIONS=-Xlog:library=info FERRY_DATA_DIR="$root/data" "$launcher" list >"$root/list.out" 2>&1 \
  || { cat "$root/list.out" >&2; fail "ferry list exited with a store to create"; }
loaded=$(sed -n 's/.*Loaded library \(.*libsqlitejdbc[^,]*\), handle.*/\1/p' "$root/list.out")
echo "SQLite's native library: $loaded"
[ "$loaded" = "$app_dir/libsqlitejdbc.so" ] || fail "sqlite-jdbc did not load $app_dir/libsqlitejdbc.so in place"
doctor_out=$(FERRY_DATA_DIR="$root/data" "$launcher" doctor) || { echo "$doctor_out"; fail "ferry doctor exited $? with a store"; }
grep '^OK   Store' <<<"$doctor_out"
grep -q 'integrity ok' <<<"$doctor_out" || fail "the store created by the packaged app does not pass the integrity check"

echo "--- package metadata"
info=$(dpkg-deb --field "$deb" Package Version Depends)
echo "$info"
grep -q 'libgtk-3-0' <<<"$info" || fail ".deb does not depend on libgtk-3-0"
desktop="$root/opt/ferry/lib/ferry-ferry.desktop"
[ -f "$desktop" ] || fail "no desktop entry in the .deb"
grep -q '^MimeType=.*application/x-qemu-disk' "$desktop" || fail "desktop entry lacks the disk image MIME types"
grep -q '^Exec=/opt/ferry/bin/ferry open %F' "$desktop" || fail "desktop entry does not pass files to 'ferry open'"
[ -f "$root/opt/ferry/lib/ferry-disk-images.xml" ] || fail "no shared-mime-info XML in the .deb"
if command -v desktop-file-validate >/dev/null; then desktop-file-validate "$desktop" || fail "desktop entry does not validate"; fi

echo "--- sizes"
image_bytes=$(du -sb "$image" | cut -f1)
runtime_bytes=$(du -sb "$image/lib/runtime" | cut -f1)
app_bytes=$(du -sb "$image/lib/app" | cut -f1)
deb_bytes=$(stat -c %s "$deb")
installed_bytes=$(du -sb "$root/opt/ferry" | cut -f1)
mb() { awk -v b="$1" 'BEGIN { printf "%.1f MB", b / 1000000 }'; }
echo "app image:  $(mb "$image_bytes") (runtime $(mb "$runtime_bytes"), jars $(mb "$app_bytes")), budget $APP_IMAGE_BUDGET_MB MB"
echo ".deb:       $(mb "$deb_bytes"), budget $DEB_BUDGET_MB MB; installs $(mb "$installed_bytes")"
[ "$image_bytes" -le $(( APP_IMAGE_BUDGET_MB * 1000000 )) ] || fail "app image over budget"
[ "$deb_bytes" -le $(( DEB_BUDGET_MB * 1000000 )) ] || fail ".deb over budget"

echo "--- ferry --create-aot-cache (what postinst runs; from the unpacked .deb, no display)"
"$launcher" --create-aot-cache || fail "ferry --create-aot-cache exited $?"
aot="$root/opt/ferry/lib/app/ferry.aot"
[ -s "$aot" ] || fail "no AOT cache at $aot"
aot_bytes=$(stat -c %s "$aot")
# the launcher must use it (aot logging back on for this one run) and stay quiet when it is gone
cfg="$root/opt/ferry/lib/app/ferry.cfg"
sed -i 's/^java-options=-Xlog:aot=off$/java-options=-Xlog:aot=info/' "$cfg"
aot_log=$("$launcher" --version)
grep -q 'Opened AOT cache' <<<"$aot_log" || fail "the launcher does not open the AOT cache postinst made"
sed -i 's/^java-options=-Xlog:aot=info$/java-options=-Xlog:aot=off/' "$cfg"
rm -f "$aot"
[ "$("$launcher" --version | head -1 | cut -c1-6)" = "Ferry " ] || fail "without the AOT cache the launcher prints more than its version"
echo "AOT cache: $(mb "$aot_bytes"), made on the target by postinst (not in the .deb); installed with it: $(mb $(( installed_bytes + aot_bytes )))"
echo "check-linux: all checks passed"
