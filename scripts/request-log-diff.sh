#!/usr/bin/env bash
# Issue 21's check that a change keeps the engine tests' requests: every request line the tests
# recorded (ZD_REQUEST_LOG, as scripts/oas-check.sh records them) at REV must still be recorded here.
# Runs REV's tests in a detached worktree, this tree's tests here, and compares the two logs as
# multisets (scripts/requestLogCompare.js says what it normalises). Slow: two runs of the suite.
# Usage: scripts/request-log-diff.sh REV [out-dir]
set -euo pipefail
cd "$(dirname "$0")/.."
rev="${1:?usage: scripts/request-log-diff.sh REV [out-dir]}"
out="${2:-$(mktemp -d)}"
base="$(mktemp -d)/base"
git worktree add --detach "$base" "$rev" >/dev/null
trap 'git worktree remove --force "$base"' EXIT
ln -s "$PWD/node_modules" "$base/node_modules"
[ -e .cache ] && ln -s "$PWD/.cache" "$base/.cache"
# Older trees logged only what a file recorded since its last `recorded.length = 0`: log every request there too.
if ! grep -q requestLog "$base/test/harness/network.ts"; then
	perl -pi -e 's/\brecorded\b/requestLog/g' "$base/test/harness/network.ts"
	perl -0pi -e 's/(\t\trecorded\.push\((\{.*?\})\);)/\t\tconst request = $2;\n\t\trecorded.push(request);\n\t\trequestLog.push(request);/s; s/(export const recorded: RecordedRequest\[\] = \[\];)/$1\nexport const requestLog: RecordedRequest[] = [];/' "$base/test/harness/zendesk.ts"
fi
# The engine-level test folders of each tree (before issue 21 they were sorted by kind).
dirs() { for d in test/engine test/unit test/hostile test/nodes test/common test/credentials; do [ -d "$1/$d" ] && echo "$d"; done; }
(cd "$base" && ZD_REQUEST_LOG="$out/base.log" nice -n 10 npx jest $(dirs "$base") --silent >"$out/base.out" 2>&1) || true
ZD_REQUEST_LOG="$out/head.log" nice -n 10 npx jest $(dirs .) --silent >"$out/head.out" 2>&1 || true
echo "logs and jest output in $out"
node scripts/requestLogCompare.js "$out/base.log" "$out/head.log"
