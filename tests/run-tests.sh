#!/usr/bin/env bash
# Runs every test: installs prerequisites, starts one real control plane for the whole run, runs the xunit suite,
# stops the control plane, and prints a closing "N passed, N failed, N skipped" line.
set -euo pipefail
cd "$(dirname "$0")/.."
tests/control-plane/control-plane.sh ensure >/dev/null
command -v kubectl >/dev/null || tests/control-plane/control-plane.sh packages kubernetes-client
command -v lua5.1 >/dev/null || tests/control-plane/control-plane.sh packages lua5.1  # Argo CD health check tests
# The CEL rule tests run a real CEL engine (@bufbuild/cel, pinned in tests/cel-engine/package-lock.json) with node.
command -v node >/dev/null || tests/control-plane/control-plane.sh packages nodejs
command -v npm >/dev/null || tests/control-plane/control-plane.sh packages npm
[ -f tests/cel-engine/node_modules/@bufbuild/cel/package.json ] || npm ci --no-audit --no-fund --prefix tests/cel-engine >/dev/null
# The simulator is driven by JD Cloud's official JavaScript SDK too (jdcloud-sdk-js, pinned in tests/jdcloud-sdk).
[ -f tests/jdcloud-sdk/node_modules/jdcloud-sdk-js/package.json ] || npm ci --no-audit --no-fund --ignore-scripts --prefix tests/jdcloud-sdk >/dev/null
export TEST_CONTROL_PLANE_DIR="${TMPDIR:-/tmp}/jdpod-test-cp.$$"
tests/control-plane/control-plane.sh start "$TEST_CONTROL_PLANE_DIR"
trap 'tests/control-plane/control-plane.sh stop "$TEST_CONTROL_PLANE_DIR"' EXIT
results="$(mktemp -d)"
status=0
dotnet test Operator.sln -c Release -nologo --logger "trx;LogFileName=results.trx" --results-directory "$results" \
  --logger "console;verbosity=normal" "$@" || status=$?
trx="$(find "$results" -name '*.trx' | head -1)"
if [ -n "$trx" ]; then
  counters="$(grep -o '<Counters [^>]*>' "$trx")"
  get() { echo "$counters" | grep -o " $1=\"[0-9]*\"" | grep -o '[0-9]*'; }
  # The failures again, last, with the head of each message: a CI log often keeps only its tail.
  perl -0777 -ne '
    while (/<UnitTestResult [^>]*?testName="([^"]*)"[^>]*?outcome="Failed"[^>]*>(.*?)<\/UnitTestResult>/gs) {
      my ($name, $body) = ($1, $2);
      my ($message) = $body =~ /<Message>(.*?)<\/Message>/s;
      $message = defined $message ? $message : "";
      for ($name, $message) { s/&lt;/</g; s/&gt;/>/g; s/&quot;/"/g; s/&#xD;//g; s/&#xA;/\n/g; s/&amp;/&/g; }
      my @lines = grep { /\S/ } split /\n/, $message;
      print "failed: $name\n", map({ "    " . substr($_, 0, 300) . "\n" } @lines[0 .. ($#lines < 7 ? $#lines : 7)]);
    }' "$trx"
  echo "$(get passed) passed, $(get failed) failed, $(( $(get total) - $(get executed) )) skipped"
fi
rm -rf "$results"
exit $status
