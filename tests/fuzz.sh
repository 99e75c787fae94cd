#!/usr/bin/env bash
# Fuzz parse + policy for N minutes (default 5) from the sample messages, outside CI:
#   tests/fuzz.sh [MINUTES] [OUTDIR]
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
dotnet run -c Release --project "$here/tests/EmailGuard.Fuzz" -- "$here/samples/trust" "$here/samples/messages" "${1:-5}" "${2:-/tmp/emailguard-fuzz}"
