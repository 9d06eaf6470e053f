#!/usr/bin/env bash
# Designer tests: installs what they need, runs the vitest unit tests, and (unless --unit-only) the end-to-end tests
# in headless Debian Chromium against the real host. Never downloads a browser (no `playwright install`).
#   scripts/test-designer.sh             unit + e2e
#   scripts/test-designer.sh --unit-only vitest only
set -euo pipefail
cd "$(dirname "$0")/.."

if [[ ! -x /usr/bin/chromium ]]; then
  echo "Installing Debian chromium (needed by the e2e tests)…"
  apt-get update -qq && apt-get install -y -qq chromium
fi

(cd designer && npm ci --no-audit --no-fund && npm test)

if [[ "${1:-}" != "--unit-only" ]]; then
  # Building the test project builds the host, which builds the designer into wwwroot when it is stale.
  dotnet test tests/CsPlaybooks.Designer.Tests --logger "console;verbosity=normal"
  echo "Screenshots: TestResults/screenshots/; performance.json: tests/CsPlaybooks.Designer.Tests/bin/Debug/net10.0/artifacts/"
fi
