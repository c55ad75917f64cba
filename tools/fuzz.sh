#!/usr/bin/env bash
# Fuzzes clover-core with cargo-fuzz (libFuzzer; needs a nightly Rust toolchain).
#
#   tools/fuzz.sh                        every target, 60 s each
#   tools/fuzz.sh --short                every target, 20 s each (about 4 minutes with the build)
#   tools/fuzz.sh 300                    every target, 300 s each
#   tools/fuzz.sh 30 import_zip timestamps   some targets, 30 s each
#   FUZZ_SECONDS=120 tools/fuzz.sh       the time can also come from the environment
#
# Targets (fuzz/fuzz_targets/): import_json, import_zip, import_csv, import_jsonl and
# import_slack_day run import_files on one file of arbitrary bytes under those names;
# import_many imports several files at once and runs the analytics; sniff_detect is the
# format sniffer and detector; timestamps the time parsers; snapshot_decode the snapshot
# link's decoder (its input read as a link and as the JSON a link packs). Every import target also
# checks the dataset's invariants (sorted times within 1970-2099, indices in range, no
# message answering itself, names cut to 256 characters).
#
# The corpus (fuzz/corpus/<target>, not committed) is seeded from small inputs this script
# generates: the demo organisation written by the clover CLI (Clover JSON, a Slack ZIP, a
# Mattermost export, a roster) and a few hand-written files per format. A crash, or an
# input slower than 10 s (a hang), stops its target and is saved in fuzz/artifacts/<target>/;
# the script goes on with the other targets, then prints how to reproduce and minimise
# each finding, and exits non-zero.
set -euo pipefail

cd "$(dirname "$0")/.."
ROOT=$PWD
export PATH="$HOME/.cargo/bin:$PATH"

SECONDS_EACH=${FUZZ_SECONDS:-60}
if [ $# -gt 0 ] && [ "$1" = --short ]; then
  SECONDS_EACH=20
  shift
elif [ $# -gt 0 ] && [[ $1 =~ ^[0-9]+$ ]]; then
  SECONDS_EACH=$1
  shift
fi
TOOLCHAIN=${FUZZ_TOOLCHAIN:-nightly}
ALL_TARGETS=(import_json import_zip import_csv import_jsonl import_slack_day import_many sniff_detect timestamps snapshot_decode)
if [ $# -gt 0 ]; then TARGETS=("$@"); else TARGETS=("${ALL_TARGETS[@]}"); fi

say() { printf '\033[1;32m==>\033[0m %s\n' "$*"; }
die() { printf '\033[1;31mxx>\033[0m %s\n' "$*" >&2; exit 1; }

command -v cargo >/dev/null || die "cargo is missing: install Rust (https://rustup.rs) first"
cargo "+$TOOLCHAIN" --version >/dev/null 2>&1 \
  || die "no $TOOLCHAIN toolchain: rustup toolchain install $TOOLCHAIN"
if ! command -v cargo-fuzz >/dev/null; then
  say "installing cargo-fuzz (once; a few minutes)"
  cargo install cargo-fuzz --locked
fi

# ---------------------------------------------------------------------------------------
# Seeds
# ---------------------------------------------------------------------------------------

SEEDS="$ROOT/fuzz/corpus/_seeds"
rm -rf "$SEEDS"
mkdir -p "$SEEDS/files" "$SEEDS/demo" "$SEEDS/times" "$SEEDS/snapshots"

say "generating seeds"
# The demo organisation, as small as it gets (15-40 KB; the CLI is a plain debug build).
# Only the ZIP and multi-file targets start from it: big inputs slow every execution.
demo() {
  cargo run -q -p clover-cli -- demo --people 10 --months 1 --seed 7 "$@" >/dev/null 2>&1 \
    || die "the clover CLI could not write the demo seeds: cargo run -p clover-cli -- demo $*"
}
demo --out "$SEEDS/demo/demo.json" --roster "$SEEDS/demo/roster.csv"
demo --format slack --out "$SEEDS/demo/demo-slack.zip"
demo --format mattermost --out "$SEEDS/demo/demo.jsonl"

seed() { printf '%s' "$2" >"$SEEDS/files/$1"; }
seed slack-users.json '[{"id": "U1", "name": "ann", "real_name": "Ann", "deleted": false, "is_bot": false, "profile": {"email": "ann@x.org", "title": "VP Sales", "bot_id": "B1"}}, {"id": "USLACKBOT", "is_bot": false, "profile": {}}]'
seed slack-channels.json '[{"id": "C1", "name": "general", "created": "1452837318", "creator": "U1", "is_archived": false, "members": ["U1"], "topic": {"value": "", "creator": "", "last_set": 0}}]'
seed slack-dms.json '[{"id": "D1", "created": 1, "members": ["U1", "U2"], "is_im": true}]'
seed slack-day.json '[{"type": "message", "user": "U1", "text": "hi <@U2|bo>", "ts": "1600000000.000100", "thread_ts": "1600000000.000100", "reactions": [{"name": "tada", "users": ["U2"], "count": 2}]}, {"type": "message", "subtype": "thread_broadcast", "user": "U2", "ts": "1600000001.000200", "thread_ts": "1600000000.000100"}, {"type": "message", "subtype": "bot_message", "bot_id": "B9", "username": "ci", "ts": "1600000002.000300"}, {"type": "message", "subtype": "tombstone", "ts": "1600000003.000400"}, {"type": "message", "subtype": "channel_join", "user": "U3", "text": "<@U3> has joined", "ts": "1600000004.000500"}]'
seed teams-graph.json '{"@odata.context": "x", "value": [{"id": "1700000000000", "replyToId": null, "messageType": "message", "createdDateTime": "2023-11-14T22:13:20.000Z", "from": {"user": {"id": "uA", "displayName": "Ann", "userIdentityType": "aadUser", "tenantId": "t"}}, "body": {"contentType": "html", "content": "<at id=\"0\">Bo</at>"}, "channelIdentity": {"teamId": "T1", "channelId": "19:c@thread.tacv2"}, "mentions": [{"id": 0, "mentionText": "Bo", "mentioned": {"user": {"id": "uB", "displayName": "Bo"}}}], "reactions": [{"reactionType": "like", "createdDateTime": "2023-11-14T23:00:00Z", "user": {"user": {"id": "uB"}}}], "replies": [{"id": "1700000100000", "replyToId": "1700000000000", "messageType": "message", "createdDateTime": "2023-11-14T22:15:00Z", "from": {"user": {"id": "uB"}}, "channelIdentity": {"teamId": "T1", "channelId": "19:c@thread.tacv2"}}]}, {"id": "1700000400000", "messageType": "systemEventMessage", "createdDateTime": "2023-11-14T22:20:00Z", "from": null, "body": {"content": "<systemEventMessage/>"}, "chatId": "19:uA_uB@unq.gbl.spaces", "eventDetail": {}}]}'
seed teams-users.json '[{"Id": "uA", "DisplayName": "Ann", "Mail": "ann@x.org", "JobTitle": "Director", "Department": "Sales", "OfficeLocation": "Oslo", "UserPrincipalName": "ann@x.org", "AccountEnabled": true}]'
seed teams-list.json '[{"Name": "Team", "Privacy": "Private", "GroupsId": "T1"}]'
seed teams-channels.json '[{"Id": "19:c@thread.tacv2", "DisplayName": "General", "MembershipType": "standard", "TenantId": "t"}]'
seed discord.json '{"guild": {"id": "1", "name": "g"}, "channel": {"id": "2", "type": "GuildPublicThread", "category": "c", "name": "general", "topic": null}, "messages": [{"id": "2", "type": "Default", "timestamp": "2020-01-01T00:00:00+07:00", "content": "hi @bo", "author": {"id": "10", "name": "ann", "nickname": "Ann", "isBot": false}, "reactions": [{"emoji": {"id": "", "name": "👍", "code": "thumbsup"}, "count": 2, "users": [{"id": "11", "name": "bo"}]}], "mentions": [{"id": "11", "name": "bo"}]}, {"id": "3", "type": "Reply", "timestamp": "2020-01-01T00:01:00.5+07:00", "author": {"id": "11", "name": "bo", "isBot": true}, "reference": {"messageId": "2", "channelId": "2"}}, {"id": "4", "type": "GuildMemberJoin", "timestamp": "2020-01-01T00:02:00Z", "author": {"id": "12", "name": "cy"}}]}'
seed yammer-feed.json '{"messages": [{"id": 1234567890123456, "thread_id": 1234567890123456, "replied_to_id": null, "group_id": 5, "sender_id": 10, "sender_type": "user", "message_type": "update", "privacy": "public", "created_at": "2013/03/13 21:08:48 +0000", "body": {"plain": "hi [[user:11]]"}, "liked_by": {"count": 2, "names": [{"user_id": 11, "full_name": "Bo"}]}}, {"id": 2, "thread_id": 1234567890123456, "replied_to_id": 1234567890123456, "sender_id": 11, "sender_type": "user", "created_at": "2013-03-13T21:09:00Z", "system_message": false, "direct_message": true}], "references": [{"type": "user", "id": 10, "full_name": "Ann", "job_title": "CEO"}, {"type": "group", "id": 5, "full_name": "All"}], "meta": {}}'
printf '\xef\xbb\xbfid,replied_to_id,thread_id,group_id,group_name,sender_id,sender_type,sender_name,created_at,body,message_type,in_private_conversation\r\n1,,1,5,Team,10,user,Ann,2020-01-01T00:00:00Z,hi,update,false\r\n2,1,1,5,Team,11,user,Bo,2020/01/02 10:00:00 +0000,yo,update,false\r\n' >"$SEEDS/files/Messages.csv"
printf '\xef\xbb\xbfid,name,email,job_title,department,location,joined_at,state\r\n10,Ann,ann@x.org,CEO,Exec,Oslo,2019-01-01T00:00:00Z,active\r\n' >"$SEEDS/files/Users.csv"
printf 'Email,Name,Dept,Office,Job Title,Leader,Headcount\r\nann@x.org,Ann,Sales,Oslo,VP,yes,\r\n"bo@x.org","Bo, Jr.",Ops,,,no,\r\n,,,,,,"2,000"\r\n' >"$SEEDS/files/roster-crlf.csv"
seed roster.json '{"format": "clover-roster", "version": 1, "headcount": 10, "people": [{"email": "ann@x.org", "department": "Sales", "leader": "yes"}]}'
seed clover-small.json '{"format": "clover", "version": 1, "people": [{"id": "a", "name": "Ann", "bot": false, "joined": "2024-01-01"}, {"id": 12345678901234567, "leader": "yes"}], "spaces": [{"id": "s", "kind": "private_channel", "public": false}], "messages": [{"id": "m1", "space": "s", "author": "a", "time": 1704067200000, "reactions": [{"person": "b", "emoji": "tada", "time": "2024-01-01T01:00:00+01:00"}], "mentions": ["b"]}, {"id": "m2", "space": "s", "author": "b", "time": "2024-01-01T00:01:00Z", "parent": "m1", "kind": "reply"}], "roster": {"headcount": 5}}'
seed mattermost-small.jsonl '{"type": "version", "version": 1}
{"type": "user", "user": {"username": "ann", "email": "ann@x.org", "first_name": "Ann", "position": "CTO", "delete_at": 0}}
{"type": "bot", "bot": {"username": "ci", "display_name": "CI"}}
{"type": "channel", "channel": {"team": "t", "name": "c", "display_name": "C", "type": "P"}}
{"type": "post", "post": {"team": "t", "channel": "c", "user": "ann", "message": "@bo hi", "create_at": 1600000000000, "reactions": [{"user": "bo", "emoji_name": "+1", "create_at": 1600000001000}], "replies": [{"user": "bo", "message": "yo", "create_at": 1600000002000}]}}
{"type": "direct_channel", "direct_channel": {"members": ["ann", "bo"]}}
{"type": "direct_post", "direct_post": {"channel_members": ["ann", "bo"], "user": "bo", "message": "dm", "create_at": 1600000003000, "props": {"from_bot": "true"}}}
'
# Several files in one input, for import_many (its separator is "\n--8<--\n").
{
  cat "$SEEDS/files/slack-users.json"; printf '\n--8<--\n'
  cat "$SEEDS/files/slack-channels.json"; printf '\n--8<--\n'
  cat "$SEEDS/files/slack-day.json"; printf '\n--8<--\n'
  cat "$SEEDS/files/roster-crlf.csv"; printf '\n--8<--\n'
  cat "$SEEDS/files/mattermost-small.jsonl"; printf '\n--8<--\n'
  cat "$SEEDS/files/clover-small.json"
} >"$SEEDS/files/many.txt"

# Snapshot links of the small demo, and the JSON one packs, for snapshot_decode.
cargo run -q -p clover-cli -- snapshot "$SEEDS/demo/demo.json" 2>/dev/null | sed 's/.*snapshot=//' | tr -d '\n' >"$SEEDS/snapshots/link" \
  || die "the clover CLI could not write the snapshot seeds"
cargo run -q -p clover-cli -- snapshot "$SEEDS/demo/demo.json" --payload >"$SEEDS/snapshots/payload.json" 2>/dev/null
printf 'v2.%s' "$(cut -c4- "$SEEDS/snapshots/link")" >"$SEEDS/snapshots/v2"
printf 'v1.!!notbase64' >"$SEEDS/snapshots/damaged"

# Time spellings, for the timestamps target.
i=0
for t in 2025-08-14T17:26:09.203+00:00 '2013/03/13 21:08:48 +0000' '2020-01-01 10:00:00' 2020-01-01 \
  1970-01-01T00:00:00Z 2099-12-31T23:59:59.999-23:59 1452845865.000008 0 2020-02-29T24:00:60,5Z 9999-12-31UTC; do
  printf '%s' "$t" >"$SEEDS/times/$i"
  i=$((i + 1))
done

# ---------------------------------------------------------------------------------------
# Runs
# ---------------------------------------------------------------------------------------

say "building the targets (nightly, with AddressSanitizer)"
(cd "$ROOT" && cargo "+$TOOLCHAIN" fuzz build)

declare -A RESULT
failed=()
for t in "${TARGETS[@]}"; do
  corpus="$ROOT/fuzz/corpus/$t"
  mkdir -p "$corpus" "$ROOT/fuzz/artifacts/$t"
  case "$t" in
    timestamps) from=("$SEEDS/times"); max_len=256 ;;
    snapshot_decode) from=("$SEEDS/snapshots"); max_len=65536 ;;
    import_zip | import_many) from=("$SEEDS/files" "$SEEDS/demo"); max_len=65536 ;;
    *) from=("$SEEDS/files"); max_len=16384 ;;
  esac
  for d in "${from[@]}"; do
    for f in "$d"/*; do [ -e "$corpus/${f##*/}" ] || cp "$f" "$corpus/"; done
  done
  say "fuzzing $t for ${SECONDS_EACH}s"
  log="$ROOT/fuzz/artifacts/$t/last-run.log"
  set +e
  cargo "+$TOOLCHAIN" fuzz run "$t" "$corpus" -- \
    -max_total_time="$SECONDS_EACH" -timeout=10 -rss_limit_mb=2048 -max_len="$max_len" \
    -dict="$ROOT/fuzz/clover.dict" -print_final_stats=1 >"$log" 2>&1
  status=$?
  set -e
  runs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$log" | grep -o '[0-9]*$' | tail -1)
  rate=$(grep -o 'stat::average_exec_per_sec: *[0-9]*' "$log" | grep -o '[0-9]*$' | tail -1)
  if [ "$status" -eq 0 ]; then
    RESULT[$t]="ok: ${runs:-?} runs, ${rate:-?} exec/s"
  else
    RESULT[$t]="FOUND SOMETHING (exit $status): see $log"
    failed+=("$t")
  fi
  say "$t: ${RESULT[$t]}"
done

echo
say "summary (${SECONDS_EACH}s each)"
for t in "${TARGETS[@]}"; do printf '  %-18s %s\n' "$t" "${RESULT[$t]}"; done
if [ ${#failed[@]} -gt 0 ]; then
  echo
  echo "Reproduce:  cargo +$TOOLCHAIN fuzz run <target> fuzz/artifacts/<target>/<crash-or-timeout file>"
  echo "Minimise:   cargo +$TOOLCHAIN fuzz tmin <target> fuzz/artifacts/<target>/<file>"
  echo "Then add the input as a regression test in crates/clover-core/tests (inline bytes) and fix it."
  exit 1
fi
