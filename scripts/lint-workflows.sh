#!/usr/bin/env bash
# Lints .github/workflows/*.yml with actionlint (https://github.com/rhysd/actionlint),
# which also runs shellcheck on `run:` scripts when shellcheck is installed (it is on
# GitHub's Ubuntu runners). Uses actionlint from PATH, or installs the pinned version
# with `go install` into a cache directory on first use.
#   bash scripts/lint-workflows.sh [actionlint args...]
set -euo pipefail
cd "$(dirname "$0")/.."

version="${ACTIONLINT_VERSION:-v1.7.12}"
bin="$(command -v actionlint || true)"
if [ -z "$bin" ]; then
  gobin="${ACTIONLINT_GOBIN:-${XDG_CACHE_HOME:-$HOME/.cache}/edgequake/actionlint-$version}"
  bin="$gobin/actionlint"
  if [ ! -x "$bin" ]; then
    if ! command -v go >/dev/null; then
      echo "actionlint is not installed and Go is not available to build it." >&2
      echo "Install Go (https://go.dev/dl/) or actionlint (https://github.com/rhysd/actionlint/blob/main/docs/install.md)." >&2
      exit 1
    fi
    echo "installing actionlint $version into $gobin" >&2
    GOBIN="$gobin" go install "github.com/rhysd/actionlint/cmd/actionlint@$version"
  fi
fi

command -v shellcheck >/dev/null || echo "note: shellcheck not found; run: scripts are not checked (CI has it)" >&2
"$bin" -version | head -n 1
"$bin" "$@"
echo "actionlint: no problems in .github/workflows"
