#!/usr/bin/env bash
# Runs every test project (unit, integration, component, end-to-end) and ends with one line:
#   N passed, N failed, N skipped
# summed over all projects. A project that does not build, crashes or hangs counts as failed: this script never
# reports green over a project that did not run. Installs what the tests need and the machine lacks.
set -uo pipefail
cd "$(dirname "$0")"
root=$(pwd)
results="$root/artifacts/test-results"
rm -rf "$results"
mkdir -p "$results"

log() { printf '== %s\n' "$*"; }

# Debian's Chromium for the Playwright tests (Playwright cannot download its own browser here).
if ! [ -x /usr/bin/chromium ]; then
  if [ "$(id -u)" = 0 ]; then
    log "installing chromium (apt)"
    apt-get update -q >/dev/null && apt-get -o DPkg::Lock::Timeout=600 install -y -q chromium >/dev/null \
      || echo "chromium could not be installed; the end-to-end tests will fail"
  else
    echo "chromium is missing: run 'sudo apt-get install chromium' (the end-to-end tests need it)"
  fi
fi

log "restoring tools and packages"
dotnet tool restore >/dev/null || echo "dotnet tool restore failed"
dotnet restore WooPortal.sln --nologo -v q || echo "restore failed"

log "building"
build_ok=1
dotnet build WooPortal.sln --no-restore --nologo -v q -clp:ErrorsOnly || build_ok=0

projects=(
  tests/Portal.Domain.Tests
  tests/Portal.Data.Tests
  tests/WooCommerce.Emulator.Tests
  tests/Portal.Tests
  e2e
)

passed=0; failed=0; skipped=0
counter() { # attribute name, file
  sed -n 's/.*<Counters \([^/]*\)\/>.*/\1/p' "$2" | tr ' ' '\n' | sed -n "s/^$1=\"\([0-9]*\)\"/\1/p" | head -n1
}

for project in "${projects[@]}"; do
  name=$(basename "$project")
  trx="$results/$name.trx"
  log "testing $name"
  build_flag=--no-build
  [ "$build_ok" = 1 ] || build_flag=
  start=$(date +%s)
  dotnet test "$project" $build_flag --nologo -v q \
    --logger "trx;LogFileName=$name.trx" --logger "console;verbosity=minimal" \
    --results-directory "$results" --blame-hang --blame-hang-timeout 8m
  code=$?
  seconds=$(( $(date +%s) - start ))
  if [ -f "$trx" ]; then
    p=$(counter passed "$trx"); f=$(counter failed "$trx"); e=$(counter error "$trx"); t=$(counter timeout "$trx")
    a=$(counter aborted "$trx"); s=$(counter notExecuted "$trx")
    p=${p:-0}; f=$(( ${f:-0} + ${e:-0} + ${t:-0} + ${a:-0} )); s=${s:-0}
    if [ "$code" != 0 ] && [ "$f" = 0 ]; then
      echo "$name exited with $code without a failing test: counted as one failure (crash or hang)"
      f=1
    fi
    if [ "$p" = 0 ] && [ "$f" = 0 ]; then
      echo "$name ran no test: counted as one failure"
      f=1
    fi
  else
    echo "$name produced no results (build failure or crash): counted as one failure"
    p=0; f=1; s=0
  fi
  echo "$name: $p passed, $f failed, $s skipped in ${seconds}s"
  passed=$((passed + p)); failed=$((failed + f)); skipped=$((skipped + s))
done

if [ "$build_ok" = 0 ]; then
  # The test projects were built one by one above; a project outside them (the benchmarks) may still be broken.
  echo "the solution did not build (see the errors under 'building'): counted as one failure"
  failed=$((failed + 1))
fi

echo "$passed passed, $failed failed, $skipped skipped"
[ "$failed" = 0 ]
