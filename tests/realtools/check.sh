#!/usr/bin/env bash
# The built-in AI profiles against the real CLIs, without credentials (issue 15).
# Not part of .ci/run: it needs the npm registry.
#
#   tests/realtools/check.sh [path/to/orchestrator]
#
# Installs @anthropic-ai/claude-code, @openai/codex and @google/gemini-cli
# from npm into a temporary prefix (versions from CLAUDE_VERSION,
# CODEX_VERSION, GEMINI_VERSION; default the ones the profiles were written
# against), then for each tool, in a fresh HOME with no login and no key:
#   - `orchestrator tools --check` finds it installed and not logged in (or
#     cannot tell, for a tool with no status command);
#   - a job of the built-in profile, with a prompt starting with "-", run by
#     `orchestrator run` once outside and once inside a git repository:
#     the tool accepts the argv (no "unknown option" in its log) and the
#     attempt ends as auth_failed or network within 60 s, with the tool's
#     own words in the reason.
# Prints one line per run and exits non-zero when any check fails.
set -uo pipefail

here=$(cd "$(dirname "$0")" && pwd)
orchestrator=${1:-$here/../../build/app/orchestrator}
orchestrator=$(realpath "$orchestrator") || { echo "check.sh: no orchestrator binary at ${1:-build/app/orchestrator}" >&2; exit 2; }
command -v npm >/dev/null || { echo "check.sh: npm is needed (apt-get install npm)" >&2; exit 2; }

work=$(mktemp -d /tmp/orch-realtools.XXXXXX)
[[ -n ${KEEP:-} ]] || trap 'rm -rf "$work"' EXIT
prefix=$work/npm
echo "installing the CLIs into $prefix ..."
if ! npm install --prefix "$prefix" --no-audit --no-fund --loglevel=error \
        "@anthropic-ai/claude-code@${CLAUDE_VERSION:-2.1}" "@openai/codex@${CODEX_VERSION:-0.171}" \
        "@google/gemini-cli@${GEMINI_VERSION:-0.61}" >"$work/npm.log" 2>&1; then
    cat "$work/npm.log" >&2
    echo "check.sh: npm install failed" >&2
    exit 2
fi

failures=0
fail() { echo "FAIL: $*"; failures=$((failures + 1)); }

# A clean environment: no login, no key, nothing of this machine's user.
clean_env() {
    local home=$1; shift
    env -i PATH="$prefix/node_modules/.bin:/usr/local/bin:/usr/bin:/bin" HOME="$home" LANG=C.UTF-8 \
        GIT_CONFIG_NOSYSTEM=1 ORCHESTRATOR_TOOLS_FILE=/nonexistent/tools.json "$@"
}

for tool in claude codex gemini; do
    echo "$tool: $(clean_env "$work" "$tool" --version 2>/dev/null | grep -v '^WARNING' | head -1)"
done

# tools --check
home=$work/home-check
mkdir -p "$home"
check=$(clean_env "$home" "$orchestrator" tools --check --json claude codex gemini)
echo "$check" > "$work/check.json"
for tool in claude codex gemini; do
    line=$(python3 - "$work/check.json" "$tool" <<'PY'
import json, sys
for t in json.load(open(sys.argv[1])):
    if t["name"] == sys.argv[2]:
        print(f'{t["installed"]}\t{t["login"]}\t{t["version"]}\t{t["login_detail"]}')
PY
)
    IFS=$'\t' read -r installed login version detail <<<"$line"
    printf 'tools --check %-7s installed=%s login=%s version=%s (%s)\n' "$tool" "$installed" "$login" "$version" "$detail"
    [[ $installed == True ]] || fail "tools --check: $tool not found"
    [[ $login == not_logged_in ]] || fail "tools --check: $tool login is $login, expected not_logged_in"
done

# One job per tool and place.
run_job() {
    local tool=$1 where=$2
    local dir=$work/$tool-$where home=$work/home-$tool-$where
    mkdir -p "$dir/repo" "$home"
    if [[ $where == repo ]]; then
        git -C "$dir/repo" init -q -b main
        git -C "$dir/repo" -c user.name=check -c user.email=check@example.com commit -q --allow-empty -m start
    fi
    cat >"$dir/job.json" <<JSON
{"job_id": "$tool-$where", "tool": "$tool", "instructions": "- add a README",
 "paths": {"repo_root": "$dir/repo"},
 "metadata": {"timeout_seconds": 120, "retry_policy": {"max_attempts": 2, "backoff_seconds": 1}}}
JSON
    local started ended code
    started=$(date +%s.%N)
    clean_env "$home" timeout 300 "$orchestrator" --db "$dir/orchestrator.db" run "$dir/job.json" >"$dir/run.out" 2>&1
    code=$?
    ended=$(date +%s.%N)
    clean_env "$home" "$orchestrator" --db "$dir/orchestrator.db" status --job-id "$tool-$where" --json >"$dir/status.json"
    local summary
    summary=$(python3 - "$dir/status.json" <<'PY'
import json, sys
s = json.load(open(sys.argv[1]))
attempts = s.get("attempt_history", [])
first = attempts[0] if attempts else {}
print("\t".join([s.get("state", ""), first.get("agent_outcome", "") or "", str(len(attempts)),
                 str(round((first.get("duration_ms") or 0) / 1000, 1)), (s.get("reason") or "").replace("\n", " ")[:300],
                 s.get("log_file", "")]))
PY
)
    local state outcome count seconds reason log
    IFS=$'\t' read -r state outcome count seconds reason log <<<"$summary"
    printf '%-7s %-5s exit %s, %s, agent outcome %s after %s s, %s attempt(s), run took %.1f s: %s\n' \
        "$tool" "$where" "$code" "$state" "$outcome" "$seconds" "$count" "$(python3 -c "import sys; print(float(sys.argv[2]) - float(sys.argv[1]))" "$started" "$ended")" "$reason"
    [[ $state == failed ]] || fail "$tool $where: state $state, expected failed"
    [[ $outcome == auth_failed || $outcome == network ]] || fail "$tool $where: agent outcome '$outcome'"
    [[ $outcome != auth_failed || $count == 1 ]] || fail "$tool $where: an auth failure was retried ($count attempts)"
    python3 -c "import sys; sys.exit(0 if float(sys.argv[1]) <= 60 else 1)" "$seconds" || fail "$tool $where: the attempt took $seconds s (over 60)"
    if [[ -n $log && -f $log ]] && grep -Eiq "unknown option|unexpected argument|unrecognized|Unknown arguments" "$log"; then
        fail "$tool $where: the tool rejected its argv: $(grep -Eim1 "unknown option|unexpected argument|unrecognized|Unknown arguments" "$log")"
    fi
    if [[ $tool == codex ]]; then
        local argv
        argv=$(grep -m1 -o 'skip-git-repo-check' "$log" || true)
        if [[ $where == repo && -n $argv ]]; then fail "codex repo: --skip-git-repo-check given inside a repository"; fi
        if [[ $where == plain && -z $argv ]]; then fail "codex plain: --skip-git-repo-check missing outside a repository"; fi
    fi
}

for tool in claude codex gemini; do
    for where in plain repo; do
        run_job "$tool" "$where"
    done
done

if ((failures > 0)); then
    echo "$failures check(s) failed"
    exit 1
fi
echo "all checks passed"
