"""Run the benchmarks; write bench/results.md, the README's bench block and the
measured tables of the asynchronous lesson's pages.

    python -m bench [--repeats 3]
    python -m bench --pages-only   # the pages' tables again, from bench/results.md as it is
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from course.grading.tasks import all_lessons

from . import page_weight, watch_latency

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results.md"
README = ROOT / "README.md"
README_BLOCK = re.compile(r"(<!-- bench:start -->\n).*?(<!-- bench:end -->)", re.S)
PY = sys.executable


@dataclass
class Pair:
    what: str
    ours: float
    baseline_name: str
    baseline: float
    target: float  # the most ours / baseline may be

    @property
    def ratio(self) -> float:
        return self.ours / self.baseline

    def row(self) -> str:
        verdict = "met" if self.ratio <= self.target else "**gap**"
        target = f"≤ {self.target}×"
        if self.target == float("inf"):  # context, not a goal
            target = verdict = ""
        return (f"| {self.what} | {self.ours:.2f} s | {self.baseline_name} | "
                f"{self.baseline:.2f} s | {self.ratio:.2f}× | {target} | {verdict} |")


def wall_seconds(command: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(command, cwd=ROOT, check=True, capture_output=True)
    return time.perf_counter() - start


def median_pair(ours: list[str], baseline: list[str], repeats: int) -> tuple[float, float]:
    """Alternate the two commands, so load on the machine hits both alike."""
    times = [(wall_seconds(ours), wall_seconds(baseline)) for _ in range(repeats)]
    return statistics.median(t[0] for t in times), statistics.median(t[1] for t in times)


BARE_IMPORT = [PY, "-c", "import torch"]
# The floor of any grading run: every grading trains, and torch's first
# optimizer step imports torch._dynamo (and sympy).
FLOOR = [PY, "-c", "import torch; p = torch.zeros(1, requires_grad=True); "
         "o = torch.optim.SGD([p], lr=0.1); p.sum().backward(); o.step()"]
FLOOR_NAME = "floor: `import torch` + one optimizer step"
GRADE = [PY, "-m", "pytest", "exercises", "--impl", "solutions", "-q"]


def grading(repeats: int) -> list[Pair]:
    floor, imported = median_pair(FLOOR, BARE_IMPORT, repeats)
    pairs = [Pair(FLOOR_NAME, floor, "`python -c 'import torch'`", imported, float("inf"))]
    whole, floor_again = median_pair(GRADE, FLOOR, repeats)
    pairs.append(Pair("`pytest exercises --impl solutions` (whole course)", whole,
                      "floor", floor_again, 2.5))
    for lesson in all_lessons():
        one, floor_again = median_pair([*GRADE, "--lesson", lesson.id], FLOOR, repeats)
        pairs.append(Pair(f"… `--lesson {lesson.id}`", one, "floor", floor_again, 1.5))
    return pairs


def watching(repeats: int) -> list[Pair]:
    """Save to verdict in ``make watch``, against a bare import measured in the same run."""
    latencies = watch_latency.save_to_verdict(repeats)
    imported = statistics.median(wall_seconds(BARE_IMPORT) for _ in range(repeats))
    return [Pair("`make watch`: save to the verdict of its lesson (basics)",
                 statistics.median(latencies), "`python -c 'import torch'`", imported, 0.5)]


def site_builds(repeats: int) -> tuple[list[str], Path]:
    """Cold builds into an empty folder, then rebuilds with nothing changed."""
    folder = Path(tempfile.mkdtemp(prefix="bench-site-"))
    out = folder / "html"
    build = [PY, "-m", "course.build", "--out", str(out)]
    cold = []
    for _ in range(max(2, repeats // 2)):
        shutil.rmtree(folder, ignore_errors=True)
        cold.append(wall_seconds(build))
    unchanged = statistics.median(wall_seconds(build) for _ in range(repeats))
    verdict = "met" if unchanged <= 2.0 else "**gap**"
    return [
        f"| `make html`, cold (both languages) | {statistics.median(cold):.2f} s | | |",
        f"| `make html`, nothing changed | {unchanged:.2f} s | ≤ 2 s | {verdict} |",
    ], out


def save_and_load(repeats: int) -> list[str]:
    """Each operation in fresh interpreters: time and the peak memory it adds."""
    with tempfile.TemporaryDirectory(prefix="bench-ckpt-") as folder:
        filename = str(Path(folder) / "big.pth")
        runs = {op: [] for op in ("raw-save", "reference-save", "atomic-save",
                                  "raw-load", "reference-load")}
        for _ in range(repeats):  # alternating, so load on the machine hits all alike
            for operation, results in runs.items():
                done = subprocess.run([PY, "-m", "bench.save_load", operation, filename],
                                      cwd=ROOT, check=True, capture_output=True, text=True)
                results.append(json.loads(done.stdout))
        size_mib = os.path.getsize(filename) / 2**20
    medians = {op: {key: statistics.median(r[key] for r in results) for key in ("seconds", "peak_mib")}
               for op, results in runs.items()}
    rows = []
    for what, ours, raw, baseline in (
            ("reference save (basics)", "reference-save", "raw-save", "`torch.save` + fsync"),
            ("crash-safe save (`atomic_save`)", "atomic-save", "raw-save", "`torch.save` + fsync"),
            ("reference load (basics)", "reference-load", "raw-load",
             "`torch.load` + `load_state_dict`")):
        ours, raw = medians[ours], medians[raw]
        ratio = ours["seconds"] / raw["seconds"]
        verdict = "met" if ratio <= 1.1 else "**gap**"
        rows.append(f"| {what}, {size_mib:.0f} MiB | {ours['seconds']:.3f} s, "
                    f"+{ours['peak_mib']:.0f} MiB peak | {baseline} | {raw['seconds']:.3f} s, "
                    f"+{raw['peak_mib']:.0f} MiB peak | {ratio:.2f}× | ≤ 1.1× | {verdict} |")
    return rows


def collection_only(repeats: int) -> list[str]:
    """Where a lesson's grading time goes: pytest's start-up and collection alone."""
    rows = []
    for lesson in all_lessons():
        command = [*GRADE, "--lesson", lesson.id, "--collect-only"]
        seconds = statistics.median(wall_seconds(command) for _ in range(repeats))
        rows.append(f"| `--lesson {lesson.id} --collect-only` | {seconds:.2f} s |")
    return rows


def async_stall(repeats: int) -> list[str]:
    """The asynchronous lesson's stall table, in a process of its own (it starts a gloo group)."""
    done = subprocess.run([PY, "-m", "bench.async_stall", "--repeats", str(repeats)],
                          cwd=ROOT, check=True, capture_output=True, text=True)
    return done.stdout.strip().splitlines()


TABLE = ["| Run | Time | Baseline | Time | Ratio | Target | |",
         "| --- | --- | --- | --- | --- | --- | --- |"]


def render(grading_pairs, collect_rows, build_rows, checkpoint_rows, stall_rows, weights,
           repeats: int) -> str:
    lines = [
        f"Measured by `make bench` on {platform.machine()}, {os.cpu_count()} CPUs, "
        f"Python {platform.python_version()}; medians of {repeats} runs "
        f"({time.strftime('%Y-%m-%d')}), each figure against its baseline in the same run.",
        "",
        "### Grading",
        "",
        *TABLE,
        *(pair.row() for pair in grading_pairs),
        "",
        "Where a lesson's time goes: pytest's start-up and collection alone, in a fresh "
        "process (the rest is the lesson's tests; for lessons with child processes, "
        "waiting for the forkserver's own `import torch`):",
        "",
        "| Start-up and collection | Time |",
        "| --- | --- |",
        *collect_rows,
        "",
        NOTES,
        "",
        "### Saving and loading",
        "",
        *TABLE,
        *checkpoint_rows,
        "",
        "### Asynchronous checkpoints: the training stall",
        "",
        *TABLE,
        *stall_rows,
        "",
        STALL_NOTES,
        "",
        "### Site",
        "",
        "| Site build | Time | Target | |",
        "| --- | --- | --- | --- |",
        *build_rows,
        "",
        "| Lesson page (with its CSS, JS, fonts) | HTML | CSS | JS | Fonts | Total |",
        "| --- | --- | --- | --- | --- | --- |",
        *(weight.row() for weight in weights),
    ]
    return "\n".join(lines) + "\n"


NOTES = """\
The floor is what any grading run pays: `import torch` and torch's first optimizer
step, which imports `torch._dynamo` and sympy. A grading run adds pytest's start-up
and collection (the table above) and, for the lessons whose tests start processes
(accelerate, resume, crash_safe, keep_best, distributed, asynchronous), the
forkserver: one more `import torch`, on the second core, that the first process
test waits for. `make watch` and `make test` pay neither: they fork every grading
from a process that has imported torch and pytest and runs a warm forkserver."""

STALL_NOTES = """\
The stall is the time until `async_save` (or the fork) returns control to training,
set against a synchronous `dcp.save` of the same state. With DCP's defaults most of
the stall is the stager's copy of the state into fresh memory (the profile row);
keeping one stager, so that later saves copy into the buffers it already has, is
what the lesson teaches. A fork stalls least, but only moves the copy: the first
training step after it pays for the copied pages (the cost row)."""


# The asynchronous lesson's pages show the stall table of bench/results.md, in
# their language, between two markers; bench writes it there, nobody by hand.
STALL_PAGES = {language: ROOT / "docs" / language / "asynchronous.md" for language in ("de", "az")}
STALL_BLOCK = re.compile(r"(<!-- bench:async-stall:start -->\n).*?(<!-- bench:async-stall:end -->)",
                         re.S)
STALL_HEADING = "### Asynchronous checkpoints: the training stall"
# The start of a row's first cell in results.md -> that row on the pages.
STALL_ROWS = {
    "`async_save`, defaults": {
        "de": "`async_save` mit Standardwerten (jedes Mal neuer Speicher)",
        "az": "standart parametrlərlə `async_save` (hər dəfə yeni yaddaş)"},
    "… one `DefaultStager` kept": {
        "de": "ein `DefaultStager` für alle Checkpoints (wie in Aufgabe 15)",
        "az": "bütün checkpoint-lər üçün bir `DefaultStager` (tapşırıq 15-dəki kimi)"},
    "… kept stager, shared memory": {
        "de": "derselbe, Kopie in Shared Memory",
        "az": "eyni stager, surət shared memory-də"},
    "… kept stager, staging in the background": {
        "de": "derselbe, Staging im Hintergrund (gewartet, bis es fertig ist)",
        "az": "eyni stager, staging arxa planda (bitənə qədər gözlənilib)"},
    "… `AsyncCheckpointerType.PROCESS`": {
        "de": "`AsyncCheckpointerType.PROCESS` (Hilfsprozess vorher gestartet)",
        "az": "`AsyncCheckpointerType.PROCESS` (köməkçi proses əvvəlcədən işə salınıb)"},
    "… PROCESS + kept stager in shared memory": {
        "de": "`PROCESS` und ein `DefaultStager` in Shared Memory",
        "az": "`PROCESS` və shared memory-də bir `DefaultStager`"},
    "fork, child writes": {
        "de": "`fork`, das Kind schreibt mit `torch.save` (copy-on-write)",
        "az": "`fork`, uşaq proses `torch.save` ilə yazır (copy-on-write)"},
}
STALL_COSTS = {  # the rows that set a cost against its baseline
    "profile: deep copy into fresh memory": {
        "de": ("Kopie in neuen Speicher (so kopiert `async_save` ohne eigenen Stager jedes Mal)",
               "Kopie in schon benutzte Puffer"),
        "az": ("yeni yaddaşa köçürmə (öz stager-i verilməyən `async_save` hər dəfə belə köçürür)",
               "artıq istifadə olunmuş buferlərə köçürmə")},
    "cost of the fork, paid later": {
        "de": ("erster Trainingsschritt nach dem `fork`", "derselbe Schritt ohne `fork`"),
        "az": ("`fork`-dan sonrakı ilk təlim addımı", "`fork` olmadan eyni addım")},
}
STALL_TEXT = {
    "de": {
        "intro": "Gemessen mit `make bench` am {date} auf {machine} mit {cpus} CPU-Kernen, "
                 "ein Prozess, {size} Gewichte, Median aus {repeats} Läufen; das Ziel ist "
                 "ein Verhältnis von höchstens {target}:",
        "header": "| Variante | Anhalten | `dcp.save` | Verhältnis | Fertig nach |",
        "costs": "Was die Kopie kostet:",
        "cost_header": "| Messung | Zeit | Vergleich | Zeit |",
        "failed": "gescheitert",
    },
    "az": {
        "intro": "{date} tarixində `make bench` ilə {machine} kompüterində ölçülüb: CPU "
                 "nüvələrinin sayı {cpus}, bir proses, çəkilərin həcmi {size}, ölçmələrin "
                 "sayı {repeats} (medianı götürülüb); hədəf: nisbət ən çox {target}:",
        "header": "| Variant | Dayanma | `dcp.save` | Nisbət | Bitmə vaxtı |",
        "costs": "Surət çıxarmağın qiyməti:",
        "cost_header": "| Ölçmə | Vaxt | Müqayisə üçün | Vaxt |",
        "failed": "alınmadı",
    },
}


def _decimal(text: str) -> str:
    """"0.052 s" -> "0,052 s": both pages write a decimal comma."""
    return re.sub(r"(\d)\.(\d)", r"\1,\2", text)


def _row_text(table: dict, label: str) -> dict:
    for start, texts in table.items():
        if label.startswith(start):
            return texts
    raise SystemExit(f"bench: the pages have no text for the row {label!r} of "
                     f"{RESULTS.name}; add it to STALL_ROWS or STALL_COSTS in bench/__main__.py")


def stall_tables(results: str, language: str) -> str:
    """The stall section of ``results`` as markdown in ``language``."""
    head = re.search(r"on (\S+), (\d+) CPUs, Python [\d.]+; medians of (\d+) runs \(([\d-]+)\)",
                     results)
    if head is None or STALL_HEADING not in results:
        raise SystemExit(f"bench: {RESULTS.name} has no stall measurements; run `make bench`")
    machine, cpus, repeats, date = head.groups()
    section = results.split(STALL_HEADING, 1)[1].split("\n#", 1)[0]
    rows = [[cell.strip() for cell in line.strip().strip("|").split("|")]
            for line in section.splitlines()
            if line.startswith("| ") and not line.startswith(("| Run", "| ---"))]
    text = STALL_TEXT[language]
    stalls, costs, size, target = [], [], "", ""
    for cells in rows:
        label = cells[0]
        if any(label.startswith(start) for start in STALL_COSTS):
            what, baseline = _row_text(STALL_COSTS, label)[language]
            costs.append(f"| {what} | {_decimal(cells[1])} | {baseline} | {_decimal(cells[3])} |")
            continue
        what = _row_text(STALL_ROWS, label)[language]
        size = size or (re.search(r"(\d+ MB)", label) or [""])[0]
        if cells[1].startswith("failed"):
            stalls.append(f"| {what} | {text['failed']} | | | |")
            continue
        target = target or cells[5].removeprefix("≤ ").removesuffix("×")
        done = re.search(r"done after ([\d.]+ s)", cells[6])
        stalls.append(f"| {what} | {_decimal(cells[1])} | {_decimal(cells[3])} | "
                      f"{_decimal(cells[4].removesuffix('×'))} | "
                      f"{_decimal(done[1]) if done else ''} |")
    lines = [text["intro"].format(date=date, machine=machine, cpus=cpus, size=size,
                                  repeats=repeats, target=_decimal(target)),
             "", text["header"], "| --- | --- | --- | --- | --- |", *stalls]
    if costs:
        lines += ["", text["costs"], "", text["cost_header"], "| --- | --- | --- | --- |", *costs]
    return "\n".join(lines) + "\n"


def write_stall_pages() -> None:
    """Put the stall tables of bench/results.md into the asynchronous lesson's pages."""
    results = RESULTS.read_text(encoding="utf-8")
    for language, page in STALL_PAGES.items():
        text = page.read_text(encoding="utf-8")
        if not STALL_BLOCK.search(text):
            raise SystemExit(f"bench: {page.relative_to(ROOT)} has no "
                             "<!-- bench:async-stall:start/end --> block")
        tables = stall_tables(results, language)
        page.write_text(STALL_BLOCK.sub(lambda m: m[1] + tables + m[2], text), encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--pages-only", action="store_true",
                        help="only write the pages' stall tables, from bench/results.md as it is")
    args = parser.parse_args(argv)
    if args.pages_only:
        write_stall_pages()
        return 0
    repeats = args.repeats
    print("bench: grading ...", flush=True)
    grading_pairs = grading(repeats) + watching(max(3, repeats))
    collect_rows = collection_only(repeats)
    print("bench: site builds ...", flush=True)
    build_rows, site = site_builds(repeats)
    weights = page_weight.lesson_pages(site)
    shutil.rmtree(site.parent, ignore_errors=True)
    print("bench: save and load ...", flush=True)
    checkpoint_rows = save_and_load(repeats)
    print("bench: asynchronous checkpoints ...", flush=True)
    stall_rows = async_stall(repeats)
    table = render(grading_pairs, collect_rows, build_rows, checkpoint_rows, stall_rows,
                   weights, repeats)
    RESULTS.write_text("# Benchmarks\n\n" + table + _mutation_section(), encoding="utf-8")
    if README.is_file():
        text = README.read_text(encoding="utf-8")
        if README_BLOCK.search(text):
            README.write_text(README_BLOCK.sub(lambda m: m[1] + table + m[2], text),
                              encoding="utf-8")
    write_stall_pages()
    print(table)
    return 0



# `make mutants` keeps its own section at the end of the results (course.mutants):
# it takes a quarter of an hour, so a bench run keeps it as it is.
MUTATION_HEADING = "### Mutation testing"


def _mutation_section() -> str:
    old = RESULTS.read_text(encoding="utf-8") if RESULTS.is_file() else ""
    start = old.find("\n" + MUTATION_HEADING)
    return "" if start < 0 else "\n" + old[start:].lstrip("\n")

if __name__ == "__main__":
    sys.exit(main())
