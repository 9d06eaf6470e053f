#!/usr/bin/env bash
# Sums the counters of every TRX (dotnet test) and JUnit XML (vitest) file under a folder and prints "N passed, N failed".
set -euo pipefail
dir="${1:-TestResults}"
passed=0; failed=0
shopt -s nullglob globstar
for trx in "$dir"/**/*.trx; do
  counters=$(grep -o '<Counters [^>]*>' "$trx" | head -n 1)
  p=$(sed -n 's/.* passed="\([0-9]*\)".*/\1/p' <<<"$counters")
  f=$(sed -n 's/.* failed="\([0-9]*\)".*/\1/p' <<<"$counters")
  e=$(sed -n 's/.* error="\([0-9]*\)".*/\1/p' <<<"$counters")
  passed=$((passed + ${p:-0})); failed=$((failed + ${f:-0} + ${e:-0}))
done
# JUnit XML (vitest): the totals on the root <testsuites> element.
for xml in "$dir"/*.xml; do
  root=$(grep -o '<testsuites [^>]*>' "$xml" | head -n 1)
  t=$(sed -n 's/.* tests="\([0-9]*\)".*/\1/p' <<<"$root")
  f=$(sed -n 's/.* failures="\([0-9]*\)".*/\1/p' <<<"$root")
  e=$(sed -n 's/.* errors="\([0-9]*\)".*/\1/p' <<<"$root")
  s=$(sed -n 's/.* skipped="\([0-9]*\)".*/\1/p' <<<"$root")
  passed=$((passed + ${t:-0} - ${f:-0} - ${e:-0} - ${s:-0})); failed=$((failed + ${f:-0} + ${e:-0}))
done
echo "${passed} passed, ${failed} failed"
