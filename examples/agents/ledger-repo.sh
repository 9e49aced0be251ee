#!/bin/sh
# Makes the git repository the workstreams in examples/workstreams talk about
# (a small "ledger" service), for the walkthrough in README.md: one commit on
# main with a README and the package's top files.
set -eu
dir=${1:?usage: ledger-repo.sh DIR}
if [ -e "$dir" ]; then
    echo "ledger-repo.sh: $dir exists; name a new directory" >&2
    exit 1
fi
mkdir -p "$dir/ledger" "$dir/docs"
cd "$dir"
git init -q -b main
printf '# ledger\n\nA small accounts service.\n' > README.md
printf '"""The ledger service."""\n' > ledger/__init__.py
# The files several workstreams edit at once, with a heading for each of them
# (agents working on different parts of one file merge without conflict).
shared() {
    file=$1
    shift
    mkdir -p "$(dirname "$file")"
    : > "$file"
    for workstream; do
        printf '# %s\n\n' "$workstream" >> "$file"
    done
}
shared ledger/app.py ws-04-structured-logging ws-13-auth-middleware ws-20-api-versioning
shared ledger/settings.py ws-03-settings-module ws-11-token-service
shared ledger/models/user.py ws-07-migrate-users-table ws-14-rbac-roles
shared ledger/auth/tokens.py ws-11-token-service ws-12-session-revocation
shared .github/workflows/ci.yml ws-02-ci-lint-gate ws-29-ci-integration-stage
printf '[project]\nname = "ledger"\nversion = "0.1.0"\n' > pyproject.toml
printf '# Changelog\n' > CHANGELOG.md
git add -A
git -c user.name=Ledger -c user.email=ledger@example.org commit -q -m "ledger: initial import"
echo "$dir: a git repository on main"
