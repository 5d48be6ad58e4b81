"""tools/mutation_score.py reads mutmut's results right: statuses, scores, targets, staleness."""

from __future__ import annotations

import importlib.util
import json
import sys

import pytest

from tests.conftest import ROOT

SCRIPT = ROOT / "tools" / "mutation_score.py"
spec = importlib.util.spec_from_file_location("mutation_score", SCRIPT)
ms = importlib.util.module_from_spec(spec)
sys.modules["mutation_score"] = ms  # its dataclasses look their module up
spec.loader.exec_module(ms)

CADENCE = ROOT / "src" / "fiveg" / "cadence.py"
QUALITY = ROOT / "src" / "fiveg" / "quality.py"


def kept(results, path=CADENCE, **kw):
    return {"results": results, "source": ms.source_hash(path), "run": "x", **kw}


def test_the_mutated_modules_are_the_pure_ones():
    names = {ms.module_name(p) for p in ms.mutated_sources()}
    assert {"fiveg.cadence", "fiveg.radio", "fiveg.at.framer", "fiveg.vendors.simcom"} <= names
    assert not names & {"fiveg.poller", "fiveg.cli.info", "fiveg.tui.app", "fiveg.audio"}
    assert "fiveg.vendors" not in names  # __init__.py has nothing to mutate


def test_select_takes_groups_and_modules_in_any_spelling():
    modules = ms.mutated_sources()
    at = {ms.module_name(p) for p in ms.select(modules, ["at"])}
    assert at == {n for n in map(ms.module_name, modules) if n.startswith("fiveg.at.")}
    for spelling in ("vendors/simcom", "vendors/simcom.py", "fiveg.vendors.simcom"):
        assert [ms.module_name(p) for p in ms.select(modules, [spelling])] == [
            "fiveg.vendors.simcom"
        ]
    assert ms.select(modules, []) == modules
    assert [ms.module_name(p) for p in ms.select(modules, ["cadence", "cadence"])] == [
        "fiveg.cadence"
    ]
    with pytest.raises(SystemExit) as info:
        ms.select(modules, ["vendor"])  # not a prefix match of "vendors"
    assert info.value.code == 2


def test_rows_count_statuses_as_mutmut_names_them():
    store = {
        "modules": {
            "fiveg.cadence": kept(
                {"a": 1, "b": 3, "c": 0, "d": 33, "e": 36, "f": None, "g": -24, "h": 5}
            )
        },
        "runs": [],
    }
    (row,) = ms.report_rows([CADENCE], store)
    assert row.counts == {
        "killed": 2,
        "survived": 1,
        "no tests": 2,
        "timeout": 2,
        "not checked": 1,
    }
    # a timeout is no kill: on a loaded machine a survivor times out too
    assert (row.total, row.killed) == (8, 2)
    assert row.score == 25.0 and row.target == 90.0
    assert "BELOW" in ms.fmt_row(row)


def test_a_module_without_a_target_and_one_that_meets_it():
    store = {
        "modules": {
            "fiveg.cadence": kept({f"k{i}": 1 for i in range(9)} | {"s": 0}),
            "fiveg.quality": kept({"a": 0}, QUALITY),
        },
        "runs": [],
    }
    cadence, quality = ms.report_rows([CADENCE, QUALITY], store)
    assert cadence.score == 90.0 and ">=90% met" in ms.fmt_row(cadence)
    assert quality.target is None and "%" not in ms.fmt_row(quality).split()[-1]


def test_results_of_a_changed_source_are_stale_and_not_retested_from():
    stale = {"results": {"a": 0}, "source": "0" * 16, "run": "x"}
    store = {"modules": {"fiveg.cadence": stale}, "runs": []}
    (row,) = ms.report_rows([CADENCE], store)
    assert row.note.startswith("stale")
    assert ms._open_keys(stale, CADENCE) is None
    fresh = kept({"a": 0, "b": 1, "c": 33, "d": None, "e": 36})
    assert ms._open_keys(fresh, CADENCE) == ["a", "c", "d", "e"]


def test_nothing_checked_has_no_score():
    store = {"modules": {"fiveg.cadence": kept({"a": None})}, "runs": []}
    (row,) = ms.report_rows([CADENCE], store)
    assert row.score is None and "      -" in ms.fmt_row(row)


@pytest.mark.parametrize(
    ("old", "new", "kind"),
    [
        ("if x == '\"':", "if x == 'XX\"XX':", "string literal"),
        ("return min(1.0, a)", "return min(2.0, a)", "number"),
        ("if a < b:", "if a <= b:", "operator"),
        ("quoted = False", "quoted = True", "constant (None/True/False)"),
        ("continue", "break", "control flow"),
        ("if not parts:", "if parts:", "condition negated"),
        ("x = f(a, b)", "x = f(a, )", "argument or operand removed"),
        ("x = f(a)", "x = None", "value replaced by None"),
        ("if a and b:", "if a or b:", "boolean or membership"),
        ("s.upper()", "s.lower()", "name or method swapped"),
    ],
)
def test_kind_of_names_the_mutation(old, new, kind):
    assert ms.kind_of(old, new) == kind


def test_retests_run_in_batches_of_similar_test_time(tmp_path, monkeypatch):
    # mutmut 3.3.1 times a slow mutant out after 15 * (e + 1) s where e is the estimate of
    # any mutant of its file in the same run: quick ones must not share a run with slow ones
    stats = {
        "tests_by_mangled_function_name": {
            "m.x_slow": ["t1", "t2"],
            "m.x_mid": ["t3"],
            "m.x_quick": ["t4"],
        },
        "duration_by_test": {"t1": 60.0, "t2": 40.0, "t3": 20.0, "t4": 0.1},
        "stats_time": 1.0,
    }
    (tmp_path / "mutmut-stats.json").write_text(json.dumps(stats))
    monkeypatch.setattr(ms, "MUTANTS", tmp_path)
    keys = ["m.x_quick__mutmut_1", "m.x_slow__mutmut_1", "m.x_mid__mutmut_2", "m.x_slow__mutmut_2"]
    assert ms.estimated_seconds(keys)["m.x_slow__mutmut_2"] == 100.0
    assert ms.batches(keys) == [
        ["m.x_slow__mutmut_1", "m.x_slow__mutmut_2"],
        ["m.x_mid__mutmut_2"],
        ["m.x_quick__mutmut_1"],
    ]
    assert ms.batches([]) == []
    assert ms.batches(["m.x_unknown__mutmut_1"]) == [["m.x_unknown__mutmut_1"]]


def test_a_sampled_module_is_scored_over_its_sample_with_an_interval():
    results = {f"k{i}": None for i in range(1000)}
    pick = ms.sample_of(list(results), 100, "fiveg.cadence")
    assert len(set(pick)) == 100 and set(pick) <= set(results)
    assert pick == ms.sample_of(list(reversed(results)), 100, "fiveg.cadence")  # seeded
    assert pick != ms.sample_of(list(results), 100, "fiveg.radio")
    for i, k in enumerate(pick):
        results[k] = 0 if i < 8 else 1  # 92 of the 100 killed
    store = {"modules": {"fiveg.cadence": kept(results, sample=100)}, "runs": []}
    (row,) = ms.report_rows([CADENCE], store)
    assert row.sampled and row.checked == 100 and row.score == 92.0
    low, high = ms.wilson(92, 100)
    assert 84 < low < 92 < high < 97  # Wilson 95 %: 85.0 .. 95.9
    assert f"sample of 100: 95% {low:.1f}-{high:.1f}%" in row.note
    assert ">=90% met" in ms.fmt_row(row)
    # a retest of a sample reruns its open mutants only, never the unsampled ones
    assert ms._open_keys(store["modules"]["fiveg.cadence"], CADENCE) == sorted(
        pick[:8], key=list(results).index
    )
    # unsampled, the same results would count the unchecked against the score
    (whole,) = ms.report_rows([CADENCE], {"modules": {"fiveg.cadence": kept(results)}, "runs": []})
    assert whole.score == 9.2


def test_wilson_interval_edges():
    assert ms.wilson(0, 0) == (0.0, 100.0)
    low, high = ms.wilson(50, 50)
    assert high == 100.0 and 92 < low < 93.5  # all killed: still not 100 % sure
    low, high = ms.wilson(0, 50)
    assert low == 0.0 and 6.5 < high < 8
