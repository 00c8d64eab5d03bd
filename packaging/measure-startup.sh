#!/usr/bin/env bash
# Launch-to-first-frame time of the packaged app under Xvfb: from just before the launcher is started to the first
# rendered frame of the first window (FirstFrameMarker, FERRY_STARTUP_MARKER=1), cross-checked with the moment
# the window is mapped (xdotool search --sync --name Ferry). Runs each variant RUNS times (default 5), prints
# each run and the median.
#   packaging/measure-startup.sh [app-image dir, default target/dist/ferry]
# Needs: apt-get install -y --no-install-recommends xvfb xauth xdotool libgtk-3-0
# Variants: without the AOT cache (as the app image is built); with it (as installed: the .deb's postinst creates
# lib/app/ferry.aot with `ferry --create-aot-cache`; made here if missing and timed, then left as it was found).
# VARIANTS="no-aot aot" (default) chooses.
set -euo pipefail
cd "$(dirname "$0")/.."
image="${1:-target/dist/ferry}"
runs="${RUNS:-5}"
launcher="$image/bin/ferry"
cfg="$image/lib/app/ferry.cfg"
[ -x "$launcher" ] || { echo "no launcher at $launcher: build with mvn -Ppackage -DskipTests package" >&2; exit 1; }
for t in Xvfb xdotool; do command -v $t >/dev/null || { echo "$t missing: apt-get install xvfb xauth xdotool libgtk-3-0" >&2; exit 1; }; done

display=":$(( 90 + RANDOM % 100 ))"
Xvfb "$display" -screen 0 1280x1024x24 -nolisten tcp >/dev/null 2>&1 &
xvfb=$!
work=$(mktemp -d)
cp "$cfg" "$work/ferry.cfg.orig"
aot="$image/lib/app/ferry.aot"
had_aot=0; [ -f "$aot" ] && had_aot=1
[ "$had_aot" = 1 ] && mv "$aot" "$work/ferry.aot.orig"
cleanup() {
  cp "$work/ferry.cfg.orig" "$cfg"; rm -f "$aot"
  [ "$had_aot" = 1 ] && mv "$work/ferry.aot.orig" "$aot"
  kill "$xvfb" 2>/dev/null || true; rm -rf "$work"
}
trap cleanup EXIT
sleep 1

now_ms() { date +%s%3N; }

# one run: prints "<first frame ms> <window mapped ms> <CPU ms until first frame>"
run_once() {
  local log="$work/run.log" t0 mapped frame pid
  t0=$(now_ms)
  DISPLAY="$display" FERRY_STARTUP_MARKER=1 FERRY_DATA_DIR="$work/data" "$launcher" 2>"$log" >/dev/null &
  pid=$!
  DISPLAY="$display" timeout 60 xdotool search --sync --onlyvisible --name '^Ferry' >/dev/null
  mapped=$(( $(now_ms) - t0 ))
  for _ in $(seq 1 600); do grep -q 'ferry-startup first-frame' "$log" && break; sleep 0.05; done
  frame=$(sed -n 's/.*first-frame epochMillis=\([0-9]*\).*/\1/p' "$log" | head -1)
  cpu=$(sed -n 's/.*cpuMillis=\([0-9]*\).*/\1/p' "$log" | head -1)
  kill "$pid" 2>/dev/null; wait "$pid" 2>/dev/null || true
  echo "$(( ${frame:-0} - t0 )) $mapped ${cpu:--1}"
}

median() { sort -n | awk '{ a[NR] = $1 } END { print (NR % 2) ? a[(NR + 1) / 2] : int((a[NR / 2] + a[NR / 2 + 1]) / 2) }'; }

variant() {
  local name="$1"; shift
  cp "$work/ferry.cfg.orig" "$cfg"
  for opt in "$@"; do sed -i "/^\[JavaOptions\]/a java-options=$opt" "$cfg"; done
  [ "${WARMUP:-1}" = 1 ] && run_once >/dev/null   # the first run after a build also unpacks JavaFX's natives
  local frames=() maps=() cpus=()
  for i in $(seq 1 "$runs"); do
    read -r f m c < <(run_once)
    frames+=("$f"); maps+=("$m"); cpus+=("$c")
    echo "  $name run $i: first frame ${f} ms, window mapped ${m} ms, CPU ${c} ms"
  done
  echo "$name: median first frame $(printf '%s\n' "${frames[@]}" | median) ms, window mapped $(printf '%s\n' "${maps[@]}" | median) ms, CPU $(printf '%s\n' "${cpus[@]}" | median) ms (load average $(cut -d' ' -f1 /proc/loadavg))"
}

for v in ${VARIANTS:-no-aot aot}; do
  case "$v" in
    no-aot) rm -f "$aot"; variant "without AOT cache" ;;
    aot)
      if [ "$had_aot" = 1 ]; then cp "$work/ferry.aot.orig" "$aot"; else "$launcher" --create-aot-cache; fi
      variant "with AOT cache" ;;
  esac
done
echo "budget: 1500 ms to first frame"
