"""Mutation score of fiveg's pure modules, per module, read from mutmut 3.3.1's own results.

Run from the repository root, with the ``mutation`` extra installed
(``pip install -e .[mutation]``)::

    python tools/mutation_score.py                        # report the results kept so far
    python tools/mutation_score.py --run                  # run mutmut group by group, then report
    python tools/mutation_score.py --run --module cadence --module at    # only these groups
    python tools/mutation_score.py --run --retest --module at  # only what the last run left open
    python tools/mutation_score.py --settle 300 --module at   # timeouts, alone, 300 s each
    python tools/mutation_score.py --run --sample 400 --module vendors  # a random sample each
    python tools/mutation_score.py --module vendors/simcom --survivors  # list each survivor
    python tools/mutation_score.py --json                 # the report as JSON, for scripts

``--module`` takes a group (``at``, ``vendors``) or one module (``cadence``,
``at/framer``, ``vendors/simcom``, ``fiveg.vendors.simcom``) and may be repeated;
``--max-children N`` (default 2: the machine may be shared) is passed to ``mutmut
run``. With ``--run`` and no ``--module`` the groups run one after another:
allowlist, cadence, quality, tracking, trend, records, at, vendors, radio. What mutmut mutates
and which tests it runs is configured in ``[tool.mutmut]`` of pyproject.toml.

The report prints, per module: killed / total, the score (killed / total, in %), the
survivors, the mutants no configured test reaches ("no tests"), timeouts, those not
checked, the target (90 % for vendors/*, allowlist, cadence and radio) and whether it is
met; then a total, and how long each group's last run took. A timeout is not counted as a
kill: mutmut stops a mutant's tests after about 15 times their measured duration, wall
clock, so on a loaded machine a surviving (even an unchanged) mutant times out too; run
``--retest`` again on a quiet machine to settle them. ``--retest`` (with ``--run``) runs
again only the mutants the kept results of an unchanged module left open (survived, no
tests, timeout, not checked) and keeps its kills, which hold while no test is taken away:
after adding tests it takes minutes where a full run of vendors/ takes hours.
``--settle SECONDS`` runs each timed-out mutant alone with that wall-clock limit (its tests,
as mutmut runs them): a failure or a hang is a kill, a pass a survivor.
``--sample N`` (with ``--run``) runs, of each module without kept results, a random sample
of N mutants (seeded by the module's name, so a rerun takes the same ones) instead of all:
the report then gives the score over the sample, marked as such, with its 95 % (Wilson)
interval; ``--retest`` of a sampled module reruns only the sample's open mutants.
``--survivors`` lists each surviving mutant (and each no one tests) with its line in the
source, the line as mutated, and a kind (string, number, operator, constant, ...),
grouped by kind. Equivalent mutants (no test can kill them: behaviour
is unchanged) are listed with a reason each in tools/mutation_equivalent.md; they
still count as survivors here, so the score is never flattered.

Exit status: 0 (this is a report, not a gate), unless mutmut itself failed (its exit
status then), or an option is wrong (2).

Where the results come from: mutmut 3.3.1 keeps one JSON file per source file,
``mutants/<path>.meta``, whose ``exit_code_by_key`` maps each mutant
(``fiveg.cadence.x_interval__mutmut_3``; methods ``fiveg.cadence.xǁCadenceǁtick__mutmut_1``)
to the exit status of its test run, read with mutmut's own ``status_by_exit_code``
(1 and 3 killed, 0 survived, 5 and 33 no tests, 24/36/152/255 timeout, null not
checked). Every ``mutmut run`` regenerates every mutant and resets the results of every
file to "not checked", also those of the modules it was not asked to run. So after each
run this script copies the results of the modules it ran into
``mutants/mutation_scores.json``, with a hash of each module's source and the run's
duration; the report reads that file and marks a module "stale" when its source
changed since (its mutants' numbers may then mean other mutations: run it again).
"""

from __future__ import annotations

import argparse
import ast
import difflib
import hashlib
import io
import json
import math
import os
import random
import shutil
import subprocess
import sys
import time
import tokenize
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SRC = ROOT / "src"
MUTANTS = ROOT / "mutants"
STORE = MUTANTS / "mutation_scores.json"
# The mutated sources of the last run of each module, kept for --survivors: mutmut rewrites
# mutants/src/ at every run, also while one is under way.
KEPT = MUTANTS / "mutation_score_sources"
# The target: >= 90 % of mutants killed in these modules.
TARGET = 90.0
TARGETED = ("fiveg.vendors.", "fiveg.allowlist", "fiveg.cadence", "fiveg.radio")
# The order of a full run: radio last (its tables are the largest and change the least).
GROUPS = (
    "allowlist",
    "cadence",
    "quality",
    "tracking",
    "trend",
    "records",
    "at",
    "vendors",
    "radio",
)

# mutmut 3.3.1, __main__.status_by_exit_code (copied so that a report needs no mutmut
# import; checked against the installed mutmut when it is importable).
STATUS_BY_EXIT_CODE = {
    1: "killed",
    3: "killed",
    0: "survived",
    5: "no tests",
    2: "check was interrupted by user",
    None: "not checked",
    33: "no tests",
    34: "skipped",
    35: "suspicious",
    36: "timeout",
    -24: "timeout",
    24: "timeout",
    152: "timeout",
    255: "timeout",
    -11: "segfault",
}


def status_of(code: int | None) -> str:
    return STATUS_BY_EXIT_CODE.get(code, "suspicious")


def module_name(path: Path) -> str:
    """fiveg.vendors.simcom for src/fiveg/vendors/simcom.py (mutmut's own naming)."""
    return ".".join(path.relative_to(SRC).with_suffix("").parts)


def mutated_sources() -> list[Path]:
    """The source files mutmut mutates: paths_to_mutate minus do_not_mutate."""
    import fnmatch
    import tomllib

    config = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["tool"]["mutmut"]
    skip = config.get("do_not_mutate", [])
    out = []
    for base in config.get("paths_to_mutate", ["src"]):
        base_path = ROOT / base
        files = [base_path] if base_path.is_file() else sorted(base_path.rglob("*.py"))
        for f in files:
            rel = f.relative_to(ROOT).as_posix()
            if "__pycache__" in rel or any(fnmatch.fnmatch(rel, p) for p in skip):
                continue
            out.append(f)
    return out


def select(modules: list[Path], wanted: list[str]) -> list[Path]:
    """The modules named by --module: a group (at, vendors) or one module, in any spelling."""
    if not wanted:
        return modules
    chosen: list[Path] = []
    for w in wanted:
        name = w.removesuffix(".py").replace("/", ".").removeprefix("src.")
        name = name if name.startswith("fiveg") else "fiveg." + name
        hits = [m for m in modules if (module_name(m) + ".").startswith(name + ".")]
        if not hits:
            print(f"mutation_score: no mutated module is called {w!r}", file=sys.stderr)
            raise SystemExit(2)
        chosen += [h for h in hits if h not in chosen]
    return chosen


def source_hash(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()[:16]


def has_functions(path: Path) -> bool:
    """Whether mutmut can find anything to mutate: it mutates only undecorated top-level
    functions and the undecorated methods of undecorated classes."""
    tree = ast.parse(path.read_text("utf-8"))
    funcs = ast.FunctionDef | ast.AsyncFunctionDef
    for node in tree.body:
        if isinstance(node, funcs) and not node.decorator_list:
            return True
        if isinstance(node, ast.ClassDef) and not node.decorator_list:
            for sub in node.body:
                if isinstance(sub, funcs) and not sub.decorator_list:
                    return True
    return False


def read_meta(path: Path) -> dict[str, int | None]:
    meta = MUTANTS / (path.relative_to(ROOT).as_posix() + ".meta")
    try:
        return json.loads(meta.read_text("utf-8"))["exit_code_by_key"]
    except (FileNotFoundError, json.JSONDecodeError, KeyError):
        return {}


def load_store() -> dict:
    try:
        return json.loads(STORE.read_text("utf-8"))
    except (FileNotFoundError, json.JSONDecodeError):
        return {"modules": {}, "runs": []}


def save_store(store: dict) -> None:
    MUTANTS.mkdir(exist_ok=True)
    STORE.write_text(json.dumps(store, indent=1, sort_keys=True) + "\n", "utf-8")


def mutmut_command() -> list[str]:
    script = Path(sys.executable).with_name("mutmut")
    return [str(script)] if script.exists() else [sys.executable, "-m", "mutmut"]


def _open_keys(kept: dict | None, path: Path) -> list[str] | None:
    """The mutants of a module's kept results that a new test may kill, or a quieter machine
    settle (survived, no tests, timeout, not checked), or None when the kept results cannot
    be reused (none, or the source changed)."""
    if not kept or kept["source"] != source_hash(path) or kept.get("changed_during_run"):
        return None
    open_ = ("survived", "no tests", "timeout", "not checked", "suspicious")
    if kept.get("sample"):  # a sample's unsampled mutants stay out of it
        open_ = open_[:3] + open_[4:]
    return [k for k, v in kept["results"].items() if status_of(v) in open_]


def estimated_seconds(keys: list[str]) -> dict[str, float]:
    """Each mutant's test time as mutmut estimates it: the summed durations, from the last
    stats run, of the tests that reach its function (mutants/mutmut-stats.json)."""
    try:
        stats = json.loads((MUTANTS / "mutmut-stats.json").read_text("utf-8"))
    except (FileNotFoundError, json.JSONDecodeError):
        return dict.fromkeys(keys, 0.0)
    tests, durations = stats["tests_by_mangled_function_name"], stats["duration_by_test"]
    return {
        k: sum(durations.get(t, 0.0) for t in tests.get(k.partition("__mutmut_")[0], ()))
        for k in keys
    }


def batches(keys: list[str], ratio: float = 4.0) -> list[list[str]]:
    """The keys in runs of similar estimated test time (each within ``ratio`` of the longest).

    mutmut 3.3.1 stops a running mutant once it has run 15 * (e + 1) seconds, wall clock,
    where e is the estimate of *any* mutant of the same file in the run (its timeout
    checker compares every running pid with every mutant's estimate), so one quick mutant
    in a run times out the slow ones beside it. Runs of similar estimates avoid that.
    """
    est = estimated_seconds(keys)
    out: list[list[str]] = []
    longest = 0.0
    for k in sorted(keys, key=lambda k: -est[k]):
        if not out or (est[k] + 1) * ratio < longest + 1:
            out.append([])
            longest = est[k]
        out[-1].append(k)
    return out


def sample_of(keys: list[str], n: int, seed: str) -> list[str]:
    """``n`` of ``keys`` drawn at random, the same ones for the same seed and keys."""
    return sorted(random.Random(seed).sample(sorted(keys), min(n, len(keys))))


def wilson(k: int, n: int, z: float = 1.96) -> tuple[float, float]:
    """The 95 % Wilson score interval of a proportion k/n, in %."""
    if n == 0:
        return 0.0, 100.0
    p = k / n
    centre = (p + z * z / (2 * n)) / (1 + z * z / n)
    half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / (1 + z * z / n)
    return 100 * max(0.0, centre - half), 100 * min(1.0, centre + half)


def run_group(
    label: str,
    paths: list[Path],
    max_children: int,
    store: dict,
    retest: bool = False,
    sample: int | None = None,
) -> int:
    """`mutmut run` over these modules; their results are then kept in the store.

    A full run is one `mutmut run` of every mutant of the modules. With ``retest``, only
    the mutants left open by the kept results of an unchanged source are run again, in
    runs of similar estimated test time (see ``batches``), and the kills are kept: a kill
    stays a kill while no test was taken away.
    """
    runnable = [p for p in paths if has_functions(p)]
    if not runnable:
        print(f"mutation_score: {label}: nothing to mutate", file=sys.stderr)
        return 0
    hashes = {module_name(p): source_hash(p) for p in runnable}
    reuse = {p: _open_keys(store["modules"].get(module_name(p)), p) for p in runnable}
    if not retest:
        reuse = dict.fromkeys(runnable)
    if sample:
        for p in runnable:
            if reuse[p] is not None:
                continue
            name, keys = module_name(p), list(read_meta(p))
            if not keys:
                continue  # no mutants generated yet: the whole module is run
            reuse[p] = sample_of(keys, sample, name)
            store["modules"][name] = {
                "results": dict.fromkeys(keys),
                "source": hashes[name],
                "changed_during_run": False,
                "run": label + " (sample)",
                "sample": len(reuse[p]),
            }
    full = [module_name(p) + ".*" for p in runnable if reuse[p] is None]
    open_keys = [k for p in runnable if reuse[p] is not None for k in reuse[p]]
    runs = ([full] if full else []) + batches(open_keys)
    if not runs:
        print(f"mutation_score: {label}: no mutant left to retest", file=sys.stderr)
        return 0
    seconds = 0.0
    for names in runs:
        cmd = [*mutmut_command(), "run", "--max-children", str(max_children), *names]
        shown = " ".join(cmd[:6]) + (f" ... ({len(names)} names)" if len(names) > 2 else "")
        print(f"mutation_score: {label}: {shown}", file=sys.stderr, flush=True)
        start = time.monotonic()
        # mutmut's spinner and result list go to stderr, so stdout holds only the report.
        rc = subprocess.call(cmd, cwd=ROOT, stdout=sys.stderr)
        took = round(time.monotonic() - start, 1)
        seconds += took
        print(f"\nmutation_score: {label}: mutmut exit {rc} after {took} s", file=sys.stderr)
        if rc != 0:
            return rc
        for p in runnable:
            name = module_name(p)
            results = read_meta(p)
            if reuse[p] is not None:  # retested: this run's ones anew, the rest as kept
                mine = set(reuse[p]) & set(names)
                if not mine:
                    continue
                old = store["modules"][name]["results"]
                results = {k: (results.get(k) if k in mine else v) for k, v in old.items()}
            elif name + ".*" not in names:
                continue
            kept_source = KEPT / p.relative_to(ROOT)
            kept_source.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(MUTANTS / p.relative_to(ROOT), kept_source)
            hangs = []
            if reuse[p] is not None:  # a hang found before stays one unless run again
                hangs = [k for k in store["modules"][name].get("hangs", ()) if k not in names]
            sampled = store["modules"].get(name, {}).get("sample") if reuse[p] else None
            store["modules"][name] = {
                "results": results,
                "source": hashes[name],
                "changed_during_run": source_hash(p) != hashes[name],
                "run": label + (" (retest)" if reuse[p] is not None else ""),
                "hangs": hangs,
                **({"sample": sampled} if sampled else {}),
            }
        save_store(store)
    store["runs"] = [r for r in store["runs"] if r["group"] != label]
    store["runs"].append(
        {
            "group": label,
            "seconds": round(seconds, 1),
            "max_children": max_children,
            "retest": retest,
            "at": time.strftime("%Y-%m-%d %H:%M:%S"),
        }
    )
    save_store(store)
    return 0


def settle(paths: list[Path], store: dict, limit: float) -> int:
    """Run each timed-out mutant of these modules alone, with a wall-clock ``limit``.

    The tests mutmut maps to its function run in mutants/ with MUTANT_UNDER_TEST set, as
    mutmut runs them: a failure is a kill, a pass a survivor, and still running at the
    limit a hang, which is a kill too (the mutant makes a test run forever; it is listed
    under "hangs" in the store). Only modules whose source is unchanged since their kept
    run are settled, on the mutated source kept from that run.
    """
    try:
        stats = json.loads((MUTANTS / "mutmut-stats.json").read_text("utf-8"))
    except (FileNotFoundError, json.JSONDecodeError):
        print("mutation_score: no mutants/mutmut-stats.json: run mutmut first", file=sys.stderr)
        return 1
    tests, durations = stats["tests_by_mangled_function_name"], stats["duration_by_test"]
    for p in paths:
        name = module_name(p)
        kept = store["modules"].get(name)
        if not kept or kept["source"] != source_hash(p):
            continue
        timeouts = [k for k, v in kept["results"].items() if status_of(v) == "timeout"]
        if not timeouts:
            continue
        source = KEPT / p.relative_to(ROOT)
        if source.exists():
            shutil.copyfile(source, MUTANTS / p.relative_to(ROOT))
        for key in timeouts:
            node_ids = sorted(
                tests.get(key.partition("__mutmut_")[0], ()), key=lambda t: durations.get(t, 0)
            )
            env = {**os.environ, "MUTANT_UNDER_TEST": key, "PY_IGNORE_IMPORTMISMATCH": "1"}
            env["PYTHONPATH"] = os.pathsep.join(
                [str(MUTANTS / "src"), *filter(None, [env.get("PYTHONPATH")])]
            )
            cmd = [sys.executable, "-m", "pytest", "-x", "-q", "-p", "no:cacheprovider"]
            start = time.monotonic()
            try:
                rc = subprocess.run(
                    [*cmd, "--rootdir=.", *node_ids],
                    cwd=MUTANTS,
                    env=env,
                    capture_output=True,
                    timeout=limit,
                ).returncode
                verdict = "killed" if rc in (1, 3) else "survived" if rc == 0 else f"exit {rc}"
            except subprocess.TimeoutExpired:
                rc, verdict = 1, "hangs"
                kept.setdefault("hangs", []).append(key)
            if verdict in ("killed", "survived", "hangs"):
                kept["results"][key] = 0 if verdict == "survived" else 1
            took = time.monotonic() - start
            print(f"mutation_score: {key}: {verdict} ({took:.0f} s)", file=sys.stderr, flush=True)
            save_store(store)
    return 0


@dataclass
class Row:
    module: str
    counts: dict[str, int] = field(default_factory=dict)
    total: int = 0
    target: float | None = None
    note: str = ""
    sampled: bool = False  # the results are a random sample's: the score is over it

    @property
    def killed(self) -> int:
        return self.counts.get("killed", 0)

    @property
    def checked(self) -> int:
        return self.total - self.counts.get("not checked", 0)

    @property
    def score(self) -> float | None:
        """Killed over every mutant (no tests and not checked count against it), or over
        the sample for a sampled module; None when nothing was checked."""
        if not self.checked:
            return None
        return 100.0 * self.killed / (self.checked if self.sampled else self.total)


def results_of(path: Path, store: dict) -> tuple[dict[str, int | None], str]:
    """The module's results and a note: kept results first, else mutmut's current meta."""
    name = module_name(path)
    kept = store["modules"].get(name)
    if kept:
        note = ""
        if kept.get("changed_during_run"):
            note = "source changed during the run"
        elif kept["source"] != source_hash(path):
            note = "stale: source changed since the run"
        return kept["results"], note
    meta = read_meta(path)
    if any(v is not None for v in meta.values()):
        return meta, "from mutmut's meta (not run by this script)"
    return meta, "not run"


def report_rows(paths: list[Path], store: dict) -> list[Row]:
    rows = []
    for p in paths:
        name = module_name(p)
        results, note = results_of(p, store)
        counts: dict[str, int] = defaultdict(int)
        for code in results.values():
            counts[status_of(code)] += 1
        target = TARGET if name.startswith(TARGETED) else None
        hangs = len(store["modules"].get(name, {}).get("hangs", ()))
        if hangs:
            note = (note + f" ({hangs} of the kills hang)").strip()
        sampled = bool(store["modules"].get(name, {}).get("sample"))
        if sampled:
            checked = len(results) - counts.get("not checked", 0)
            low, high = wilson(counts.get("killed", 0), checked)
            note = (f"sample of {checked}: 95% {low:.1f}-{high:.1f}% " + note).strip()
        rows.append(Row(name, dict(counts), len(results), target, note, sampled))
    return rows


def format_table(rows: list[Row], store: dict) -> str:
    head = (
        f"{'module':<24} {'killed':>7} {'total':>6} {'score':>7} {'surv':>5} {'no test':>7}"
        f" {'tmout':>5} {'unchk':>5}  {'target':<12} note"
    )
    lines = [head, "-" * len(head)]
    total = Row("total")
    for r in rows:
        for k, v in r.counts.items():
            total.counts[k] = total.counts.get(k, 0) + v
        total.total += r.total
        lines.append(fmt_row(r))
    lines.append("-" * len(head))
    lines.append(fmt_row(total))
    if store["runs"]:
        lines.append("")
        runs = ", ".join(f"{r['group']} {r['seconds']:.0f} s" for r in store["runs"])
        lines.append("last runs: " + runs)
    return "\n".join(lines)


def fmt_row(r: Row) -> str:
    score = f"{r.score:6.1f}%" if r.score is not None else "      -"
    if r.target is None:
        target = ""
    elif r.score is None:
        target = f">={r.target:.0f}%"
    else:
        target = f">={r.target:.0f}% " + ("met" if r.score >= r.target else "BELOW")
    c = r.counts
    return (
        f"{r.module:<24} {r.killed:>7} {r.total:>6} {score:>7} {c.get('survived', 0):>5}"
        f" {c.get('no tests', 0):>7} {c.get('timeout', 0):>5} {c.get('not checked', 0):>5}"
        f"  {target:<12} {r.note}"
    ).rstrip()


# --- survivors: where each one is and what it changed ------------------------------


def _functions(tree: ast.Module) -> dict[str, ast.FunctionDef]:
    out = {}
    for node in tree.body:
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            out["x_" + node.name] = node
        elif isinstance(node, ast.ClassDef):
            for sub in node.body:
                if isinstance(sub, ast.FunctionDef | ast.AsyncFunctionDef):
                    out[f"xǁ{node.name}ǁ{sub.name}"] = sub
    return out


def _tokens(text: str) -> list[tuple[int, str]]:
    try:
        toks = tokenize.generate_tokens(io.StringIO(text.strip() + "\n").readline)
        return [(t.type, t.string) for t in toks if t.string.strip()]
    except (tokenize.TokenError, IndentationError, SyntaxError):
        return [(tokenize.OP, s) for s in text.split()]


def kind_of(old: str, new: str) -> str:
    """A coarse name for what a mutation changed, from the tokens that differ."""
    a, b = _tokens(old), _tokens(new)
    sm = difflib.SequenceMatcher(a=a, b=b, autojunk=False)
    changes = [(a[i1:i2], b[j1:j2]) for op, i1, i2, j1, j2 in sm.get_opcodes() if op != "equal"]
    if not changes:
        return "other"
    removed, added = changes[0]
    if [s for _, s in removed] == ["not"] or [s for _, s in added] == ["not"]:
        return "condition negated"
    if not added:
        return "argument or operand removed"
    if len(removed) == 1 and len(added) == 1:
        (ta, sa), (tb, sb) = removed[0], added[0]
        if ta == tb == tokenize.STRING:
            return "string literal"
        if ta == tb == tokenize.NUMBER:
            return "number"
        if sb in ("None", "True", "False") or sa in ("None", "True", "False"):
            return "constant (None/True/False)"
        if sa in ("break", "continue", "return") or sb in ("break", "continue", "return"):
            return "control flow"
        if ta == tb == tokenize.OP:
            return "operator"
        if sa in ("and", "or", "is", "in") or sb in ("and", "or", "is", "in"):
            return "boolean or membership"
        if ta == tb == tokenize.NAME:
            return "name or method swapped"
    if [s for _, s in added] == ["None"]:
        return "value replaced by None"
    return "other"


@dataclass
class Survivor:
    key: str
    line: int | None
    old: str
    new: str
    kind: str
    status: str = "survived"  # or "no tests": no configured test reaches the function


def survivors_of(path: Path, store: dict) -> list[Survivor]:
    import libcst as cst

    results, _ = results_of(path, store)
    keys = [k for k, v in results.items() if status_of(v) in ("survived", "no tests")]
    if not keys:
        return []
    mutated = KEPT / path.relative_to(ROOT)
    if not mutated.exists():  # results read from mutmut's meta, not from a run of this script
        mutated = MUTANTS / path.relative_to(ROOT)
    module = cst.parse_module(mutated.read_text("utf-8"))
    defs: dict[str, cst.FunctionDef] = {}
    for node in module.body:
        if isinstance(node, cst.FunctionDef):
            defs[node.name.value] = node
        elif isinstance(node, cst.ClassDef) and isinstance(node.body, cst.IndentedBlock):
            for sub in node.body.body:
                if isinstance(sub, cst.FunctionDef):
                    defs[sub.name.value] = sub
    source_text = path.read_text("utf-8")
    source_lines = source_text.splitlines()
    originals = _functions(ast.parse(source_text))

    def code(fn: cst.FunctionDef) -> list[str]:
        return cst.Module([fn.with_changes(leading_lines=[])]).code.splitlines()

    out = []
    for key in sorted(keys, key=_key_order):
        mangled = key.rsplit(".", 1)[1]  # x_name__mutmut_3
        base = mangled.partition("__mutmut_")[0]
        orig_fn, mut_fn = defs.get(base + "__mutmut_orig"), defs.get(mangled)
        if orig_fn is None or mut_fn is None:
            out.append(Survivor(key, None, "?", "?", "other", status_of(results[key])))
            continue
        a, b = code(orig_fn), code(mut_fn)
        a[0], b[0] = a[0].replace(base + "__mutmut_orig", ""), b[0].replace(mangled, "")
        sm = difflib.SequenceMatcher(a=a, b=b, autojunk=False)
        op = next((o for o in sm.get_opcodes() if o[0] != "equal"), None)
        if op is None:  # mutmut 3.3.1 also "mutates" b"" to b"" (its case swaps of "")
            kind = "no change (identical code: equivalent)"
            line = originals[base].lineno if base in originals else None
            out.append(
                Survivor(key, line, "(the function)", "(unchanged)", kind, status_of(results[key]))
            )
            continue
        _, i1, i2, j1, j2 = op
        old, new = " ".join(x.strip() for x in a[i1:i2]), " ".join(x.strip() for x in b[j1:j2])
        line = None
        node = originals.get(base)
        if node is not None and i1 == 0:
            line = node.lineno  # the def line: a default argument
        elif node is not None:
            candidate = node.lineno + i1
            if 0 < candidate <= len(source_lines) and source_lines[candidate - 1].strip() == (
                a[i1].strip() if i1 < len(a) else ""
            ):
                line = candidate
        out.append(Survivor(key, line, old, new, kind_of(old, new), status_of(results[key])))
    return out


def _key_order(key: str) -> tuple[str, int]:
    base, _, n = key.rpartition("__mutmut_")
    return base, int(n) if n.isdigit() else 0


def format_survivors(path: Path, survivors: list[Survivor]) -> str:
    rel = path.relative_to(ROOT).as_posix()
    untested = sum(s.status == "no tests" for s in survivors)
    lines = [f"{rel}: {len(survivors) - untested} survivors, {untested} reached by no test"]
    by_kind: dict[str, list[Survivor]] = defaultdict(list)
    for s in survivors:
        by_kind[s.kind].append(s)
    for kind in sorted(by_kind, key=lambda k: (-len(by_kind[k]), k)):
        lines.append(f"  {kind} ({len(by_kind[kind])})")
        for s in sorted(by_kind[kind], key=lambda s: (s.line or 0, s.key)):
            where = f"{s.line:>4}" if s.line else "   ?"
            short = s.key.rsplit(".", 1)[1]
            lines.append(f"    {where}  {s.old}")
            tag = " (no tests)" if s.status == "no tests" else ""
            lines.append(f"      ->  {s.new}    [{short}]{tag}")
    return "\n".join(lines)


def check_mutmut_statuses() -> None:
    """Warn if the installed mutmut reads exit codes otherwise than this script."""
    try:
        import mutmut.__main__ as mm  # sets multiprocessing's start method, harmless here
    except Exception:  # mutmut not installed: the kept results can still be read
        return
    if mm.status_by_exit_code != STATUS_BY_EXIT_CODE:
        print(
            "mutation_score: warning: mutmut's exit codes differ from this script's",
            file=sys.stderr,
        )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--run", action="store_true", help="run mutmut first (group by group)")
    parser.add_argument("--module", action="append", default=[], help="a group or module")
    parser.add_argument("--max-children", type=int, default=2, help="mutmut's parallel test runs")
    parser.add_argument("--survivors", action="store_true", help="list each surviving mutant")
    parser.add_argument(
        "--retest",
        action="store_true",
        help="with --run: run only the mutants the kept results left open (same source)",
    )
    parser.add_argument(
        "--settle",
        type=float,
        metavar="SECONDS",
        help="run each timed-out mutant alone with this wall-clock limit (a hang is a kill)",
    )
    parser.add_argument(
        "--sample",
        type=int,
        metavar="N",
        help="with --run: of each module without kept results, run a random N mutants",
    )
    parser.add_argument("--json", action="store_true", help="the report as JSON")
    args = parser.parse_args(argv)
    if args.max_children < 1:
        parser.error("--max-children must be at least 1")
    if args.sample is not None and args.sample < 1:
        parser.error("--sample must be at least 1")

    modules = mutated_sources()
    chosen = select(modules, args.module)
    store = load_store()
    rc = 0
    if args.run:
        check_mutmut_statuses()
        for label in args.module or list(GROUPS):
            # a failed group (its clean test run failed, say) does not stop the others
            group = select(modules, [label])
            rc = run_group(label, group, args.max_children, store, args.retest, args.sample) or rc

    if args.settle:
        rc = settle(chosen, store, args.settle) or rc

    rows = report_rows(chosen, store)
    if args.json:
        doc = {
            "target": TARGET,
            "modules": [
                {
                    "module": r.module,
                    "killed": r.killed,
                    "total": r.total,
                    "score": None if r.score is None else round(r.score, 1),
                    "survived": r.counts.get("survived", 0),
                    "no_tests": r.counts.get("no tests", 0),
                    "not_checked": r.counts.get("not checked", 0),
                    "timeout": r.counts.get("timeout", 0),
                    "target": r.target,
                    "sampled": r.sampled,
                    "note": r.note,
                }
                for r in rows
            ],
            "runs": store["runs"],
        }
        if args.survivors:
            doc["survivors"] = {
                module_name(p): [s.__dict__ for s in survivors_of(p, store)] for p in chosen
            }
        print(json.dumps(doc, indent=2))
    else:
        print(format_table(rows, store))
        if args.survivors:
            for p in chosen:
                found = survivors_of(p, store)
                if found:
                    print()
                    print(format_survivors(p, found))
    return rc


if __name__ == "__main__":
    os.chdir(ROOT)
    sys.exit(main())
