#!/usr/bin/env bash
# Runs every test of CsPlaybooks on a fresh machine: installs what the tests need (Debian packages, dotnet tools),
# then runs the .NET test projects. Results (TRX) land in TestResults/; the last line says how many passed.
set -euo pipefail
cd "$(dirname "$0")"

log() { printf '\n== %s\n' "$*"; }

apt_install() {
  local missing=()
  for pkg in "$@"; do dpkg -s "$pkg" >/dev/null 2>&1 || missing+=("$pkg"); done
  if [ ${#missing[@]} -gt 0 ]; then
    log "installing ${missing[*]}"
    local sudo=""; [ "$(id -u)" -eq 0 ] || sudo="sudo"
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}" >/dev/null
  fi
}

# PostgreSQL server binaries: the integration tests start a throw-away server of their own.
ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || apt_install postgresql
# Debian Chromium for the designer's end-to-end tests (never a downloaded browser).
[ -x /usr/bin/chromium ] || apt_install chromium
# A real SMTP server for the email tests (aiosmtpd, run with /usr/bin/python3); docker-compose 1.29 for the
# Host tests that check docker-compose.yml (Deployment/DockerComposeTests: no Docker engine is needed for `config`).
apt_install python3-aiosmtpd docker-compose

log "installing the designer's npm packages"
(cd designer && npm ci --no-audit --no-fund --loglevel=error)
# The Dockerfile linter of Host.Tests' Deployment/DockerfileTests.
(cd tools/dockerfile-lint && npm ci --no-audit --no-fund --loglevel=error)
# The API type generator (openapi-typescript on TypeScript 5) has its own packages; the designer's vitest run checks its output.
(cd designer/tools/openapi && npm ci --no-audit --no-fund --loglevel=error)

log "restoring dotnet tools and packages"
dotnet tool restore >/dev/null
dotnet restore CsPlaybooks.sln >/dev/null

log "building"
dotnet build CsPlaybooks.sln -c Release --no-restore -v quiet -nologo

rm -rf TestResults
mkdir -p TestResults
status=0
log "designer unit tests (vitest)"
(cd designer && npx vitest run --reporter=default --reporter=junit --outputFile=../TestResults/designer-vitest.xml) || status=$?

log "running .NET tests one project at a time (engine unit tests, API integration tests on SQLite and a real PostgreSQL, designer end-to-end in Chromium, the fault suite: real hosts killed with SIGKILL)"
dotnet test CsPlaybooks.sln -c Release --no-build -m:1 --logger "trx" --logger "console;verbosity=minimal" --results-directory TestResults || status=$?

# Test PostgreSQL servers stop when their test process exits; stop any a killed process left behind
# (the directory name carries the owning test process id; servers of live test runs are left alone).
for dir in /tmp/csplaybooks-pg-*; do
  [ -d "$dir" ] || continue
  owner=$(basename "$dir" | cut -d- -f3)
  if [ -n "$owner" ] && kill -0 "$owner" 2>/dev/null; then continue; fi
  pg_ctl=$(ls /usr/lib/postgresql/*/bin/pg_ctl | tail -n 1)
  if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$pg_ctl" -D "$dir" -m immediate stop >/dev/null 2>&1 || true
  else "$pg_ctl" -D "$dir" -m immediate stop >/dev/null 2>&1 || true; fi
  rm -rf "$dir"
done

scripts/count-test-results.sh TestResults
exit $status
