#!/usr/bin/env bash
# Every benchmark of issue 8 in one run, on a release build and the large session, with the
# programs a user could pick instead measured beside sonote in the same run:
#   keystroke to screen (beside vim -u NONE; also in the answer, the notes and an opinion
#   field with 200 and 5,000 questions, one key at a time and ten committed at once),
#   export to docx (beside pandoc), drawing one frame, start-up, peak memory, autosave.
#
#   scripts/bench.sh            # the full run (about 3 minutes once built)
#   scripts/bench.sh --quick    # fewer rounds: a smoke test of the harness
#   scripts/bench.sh --write    # also put the summary into BENCHMARKS.md
#
# Needs vim, pandoc, hyperfine and jq (apt-get install vim pandoc hyperfine jq). Honours
# CARGO_TARGET_DIR. The summary goes to stdout and to $CARGO_TARGET_DIR/bench/latest.md.
set -euo pipefail

cd "$(dirname "$0")/.."
quick=""
write=""
for arg in "$@"; do
    case "$arg" in
        --quick) quick="--quick" ;;
        --write) write=1 ;;
        *) echo "usage: $0 [--quick] [--write]" >&2; exit 2 ;;
    esac
done
for tool in vim pandoc hyperfine jq cargo; do
    command -v "$tool" >/dev/null || { echo "bench: $tool is missing" >&2; exit 1; }
done

target="${CARGO_TARGET_DIR:-target}"
out="$target/bench"
mkdir -p "$out"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
results="$out/results.jsonl"
: > "$results"
export SONOTE_BENCH_OUT="$(realpath "$results")"

echo "== building (release)" >&2
cargo build --release --quiet --bin sonote --example large_session
cargo bench --quiet --no-run
sonote="$target/release/sonote"

echo "== the large session" >&2
IFS=$'\t' read -r id session_file n_questions answers notes file_size \
    < <("$target/release/examples/large_session" "$work/data")
"$sonote" --data-dir "$work/data" export "$id" --format md --out "$work/large.md" >/dev/null
md_size=$(stat -c %s "$work/large.md")

echo "== export: sonote export --format docx beside pandoc, alternating rounds" >&2
rounds=3; runs=20
[ -n "$quick" ] && { rounds=1; runs=5; }
export_cmd="$sonote --data-dir $work/data export $id --format docx --out $work/large.docx"
pandoc_cmd="pandoc -f markdown -t docx $work/large.md -o $work/pandoc.docx"
for r in $(seq 1 "$rounds"); do
    hyperfine -N --style basic --warmup 3 --runs "$runs" \
        --export-json "$work/export-$r.json" "$export_cmd" "$pandoc_cmd" >&2
done
# Every run of every round, per command: median and p90 in ms.
jq -s '[.[].results[]] | group_by(.command) | map({command: .[0].command,
        times: ([.[].times[]] | sort)}) | map({command, n: (.times | length),
        median: (.times[(.times | length) / 2 | floor] * 1000),
        p90: (.times[(.times | length) * 0.9 | floor] * 1000)})' \
    "$work"/export-*.json > "$work/export.json"
export_ms=$(jq '.[] | select(.command | contains("sonote")) | .median' "$work/export.json")
export_p90=$(jq '.[] | select(.command | contains("sonote")) | .p90' "$work/export.json")
pandoc_ms=$(jq '.[] | select(.command | contains("pandoc")) | .median' "$work/export.json")
pandoc_p90=$(jq '.[] | select(.command | contains("pandoc")) | .p90' "$work/export.json")
# One ratio per round too, to show how much the noise moves it.
round_ratios=$(jq -s -r 'map(.results | (.[0].median / .[1].median)) | map(. * 1000 | round / 1000)
        | map(tostring) | join(", ")' "$work"/export-*.json)
export_rss=$( { /usr/bin/time -f '%M' $export_cmd >/dev/null; } 2>&1 | tail -1 )
docx_size=$(stat -c %s "$work/large.docx")

echo "== drawing (benches/render.rs)" >&2
cargo bench --quiet --bench render -- $quick | tee "$work/render.txt" >&2
echo "== autosave and export steps (benches/save.rs)" >&2
TMPDIR="$work" cargo bench --quiet --bench save -- $quick | tee "$work/save.txt" >&2
echo "== keystroke, start-up, memory (benches/terminal.rs)" >&2
cargo bench --quiet --bench terminal -- $quick | tee "$work/terminal.txt" >&2

# --- the summary -----------------------------------------------------------------------
q() { jq -s -r "$1" "$results"; }
stat_of() { q "map(select(.name == \"$1\"))[0] | .$2 | . * 1000 | round / 1000"; }
value_of() { q "map(select(.name == \"$1\"))[0].value | . * 100 | round / 100"; }
verdict() { if awk "BEGIN { exit !($1) }"; then echo "met"; else echo "**missed**"; fi; }

cpu=$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//')
mem=$(free -g | awk '/^Mem:/ { print $2 " GB" }')
disk=$(df -hT "$work" | awk 'NR == 2 { print $2 " on " $1 }')
load=$(cut -d' ' -f1-3 /proc/loadavg)

{
echo "Run of $(date -u '+%Y-%m-%d %H:%M UTC'), commit $(git rev-parse --short HEAD)$([ -n "$quick" ] && echo ', --quick')."
echo
echo "Machine: $(nproc) cores ($cpu), $mem memory, $disk, Linux $(uname -r), load average"
echo "$load at the end. $(vim --version | head -1 | cut -d'(' -f1 | sed 's/ *$//'), $(pandoc --version | head -1), $(hyperfine --version)."
echo
echo "Large session: $n_questions questions, $answers B of answers, $notes B of notes and opinion, a"
echo "$file_size B TOML file; its report: $md_size B of Markdown, $docx_size B of docx."
echo
echo "| measure | sonote | beside | ratio | target | |"
echo "| --- | --- | --- | --- | --- | --- |"
for set in ASCII Japanese; do
    s=$(stat_of "sonote $set" median); v=$(stat_of "vim $set" median)
    p99=$(stat_of "sonote $set" p99); mx=$(stat_of "sonote $set" max)
    vp99=$(stat_of "vim $set" p99)
    ratio=$(value_of "ratio $set")
    echo "| keystroke to screen, $set: median | $s ms | vim $v ms | ${ratio}x | <= 1.5x | $(verdict "$ratio <= 1.5") |"
    echo "| keystroke to screen, $set: p99 (max) | $p99 ms ($mx ms) | vim $vp99 ms | | < 5 ms | $(verdict "$p99 < 5") |"
done
echo "| the pty's own share (cat on a raw terminal): median, ASCII / Japanese | | $(stat_of "cat ASCII (pty floor)" median) ms / $(stat_of "cat Japanese (pty floor)" median) ms | | | |"
# Each field, with 200 and 5,000 questions, one key at a time and ten committed at once
# (Japanese; a burst timed to its last character on screen), vim typing beside it.
for questions in 200 5000; do
    for field in answer notes opinion; do
        for mode in "one key" "10 at once"; do
            name="sonote $field, $questions questions, $mode"
            s=$(stat_of "$name" median); p99=$(stat_of "$name" p99)
            v=$(stat_of "vim beside $field, $questions questions, $mode" median)
            ratio=$(value_of "ratio $name")
            echo "| keystroke to screen, $field, $questions questions, $mode: median (p99) | $s ms ($p99 ms) | vim $v ms | ${ratio}x | <= 1.5x, p99 < 5 ms | $(verdict "$ratio <= 1.5 && $p99 < 5") |"
        done
    done
done
ratio=$(awk "BEGIN { printf \"%.3f\", $export_ms / $pandoc_ms }")
printf '| export to docx, whole process: median (p90) | %.1f ms (%.1f ms) | pandoc %.1f ms (%.1f ms) | %sx (rounds: %s) | <= 0.1x | %s |\n' \
    "$export_ms" "$export_p90" "$pandoc_ms" "$pandoc_p90" "$ratio" "$round_ratios" "$(verdict "$ratio <= 0.1")"
for screen in "frame consult (F1)" "frame questions (F2)" "frame questions, answer open" "frame opinion (F3)" "frame report (F4)" "frame intake (F5)"; do
    m=$(stat_of "$screen" median); p=$(stat_of "$screen" p99)
    echo "| $screen at 200x50: median (p99) | $m ms ($p ms) | | | < 1 ms | $(verdict "$m < 1") |"
done
echo "| for scale, ratatui alone at 200x50: empty frame / screen full of text (median) | $(stat_of "floor: empty frame" median) ms / $(stat_of "floor: screen full of text" median) ms | | | | |"
echo "| one key and its whole frame in-process, answer open: back to back / 20 ms apart (median) | $(stat_of "key + frame, answer, Japanese" median) ms / $(stat_of "key + frame, Japanese, 20 ms apart" median) ms | | | | |"
echo "| one key and its echo (the field alone, what the terminal gets first): back to back / 20 ms apart (median) | $(stat_of "key + echo, answer, Japanese" median) ms / $(stat_of "key + echo, Japanese, 20 ms apart" median) ms | | | | |"
m=$(stat_of "sonote start-up" median); p=$(stat_of "sonote start-up" p90); mx=$(stat_of "sonote start-up" max)
v=$(stat_of "vim start-up" median)
echo "| start-up to first frame: median (p90, max) | $m ms ($p ms, $mx ms) | vim $v ms | | < 50 ms | $(verdict "$p < 50") |"
m=$(stat_of "sonote start-up, 300 past beside" median); p=$(stat_of "sonote start-up, 300 past beside" p90)
mx=$(stat_of "sonote start-up, 300 past beside" max)
echo "| the same, 300 past consultations in the data directory | $m ms ($p ms, $mx ms) | | | < 50 ms | $(verdict "$p < 50") |"
for where in "on the home screen" "on the desk" "on the home screen, no listing cache"; do
    name="sonote start-up $where, 300 past beside"
    m=$(stat_of "$name" median); p=$(stat_of "$name" p90); mx=$(stat_of "$name" max)
    echo "| the same, 300 past, $where | $m ms ($p ms, $mx ms) | | | < 50 ms | $(verdict "$p < 50") |"
done
echo "| listing 301 sessions in-process: summaries in memory / from the cache file / no cache (median) | $(stat_of "list: summaries in memory" median) ms / $(stat_of "list: from the cache file" median) ms / $(stat_of "list: no cache (every session read)" median) ms | | | | |"
rss=$(value_of "sonote peak RSS"); vrss=$(value_of "vim peak RSS")
echo "| peak RSS, large session, every tab | $rss MB | vim $vrss MB | | < 30 MB | $(verdict "$rss < 30") |"
echo "| peak RSS, export | $(awk "BEGIN { printf \"%.1f\", $export_rss / 1024 }") MB | | | | |"
sm=$(stat_of "store::save, whole" median); sp=$(stat_of "store::save, whole" p99)
ser=$(stat_of "serialize (toml::to_string)" median)
cl=$(stat_of "clone (the event loop's share)" median)
echo "| autosave (store::save, on the writing thread): median (p99) | $sm ms ($sp ms), of which serializing $ser ms | | | | |"
echo "| autosave, the event loop's share (a copy of the session) | $cl ms | | | | |"
dm=$(stat_of "sonote, key during a save" median); dx=$(stat_of "sonote, key during a save" max)
km=$(stat_of "sonote Japanese" median)
echo "| keystroke typed during an autosave's fsync: median (max) | $dm ms ($dx ms) | any key $km ms | | no delay | $(verdict "$dm <= 1.5 * $km") |"
} > "$out/latest.md"

echo
cat "$out/latest.md"
echo
echo "(full output: $out/latest.md and $results)"

if [ -n "$write" ]; then
    # Replace what lies between the two markers in BENCHMARKS.md.
    awk -v file="$out/latest.md" '
        /<!-- results:begin -->/ { print; while ((getline line < file) > 0) print line; skip = 1; next }
        /<!-- results:end -->/ { skip = 0 }
        !skip' BENCHMARKS.md > "$work/BENCHMARKS.md"
    cp "$work/BENCHMARKS.md" BENCHMARKS.md
    echo "BENCHMARKS.md updated" >&2
fi
