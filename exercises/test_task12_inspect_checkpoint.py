"""Aufgabe 12 / Tapşırıq 12: inspect_checkpoint."""

import os
import sys
import uuid

import pytest
from material import as_if_saved_on_gpu
from material_safe_loading import IMPOSTOR_PREFIX, MALICIOUS_FILES, UNREADABLE_FILES, Mode, \
    RunConfig, Shown, full_name, impostor_module, many_names, retarget, write_plain, \
    write_with_config

from course.grading.feedback import Feedback, expect, localized

# torch warns, in English, about the protocol-4 and -5 pickles a test feeds it on purpose.
pytestmark = [pytest.mark.task(12), pytest.mark.filterwarnings("ignore:Detected pickle protocol")]

NEEDED = sorted(full_name(cls) for cls in (RunConfig, Mode))

# What inspection must name in each harmful file; None: the impostor module's class.
PAYLOAD_NAMES = {
    "os_system": full_name(os.system),  # posix.system here
    "exec": "builtins.exec",
    "eval": "builtins.eval",
    "getattr_chain": "builtins.getattr",
    "popen": "builtins.getattr",
    "impostor_class": None,
}


@pytest.fixture(autouse=True)
def clean_process(tmp_path, monkeypatch):
    """Modules written into tmp_path are importable; none stays imported after the test."""
    monkeypatch.syspath_prepend(tmp_path)
    yield
    for name in [name for name in sys.modules if name.startswith(IMPOSTOR_PREFIX)]:
        del sys.modules[name]


def inspected(inspect_checkpoint, path, case: dict) -> list[str]:
    """The names inspect_checkpoint gives for a file it must read; verdicts otherwise."""
    try:
        names = inspect_checkpoint(path)
    except Feedback as crash:
        if crash.key != "common.crashed":
            raise
        raise Feedback("safe_loading.inspect_crashed", case=case,
                       error=crash.values["error"]) from None
    expect(isinstance(names, list) and all(isinstance(name, str) for name in names),
           "safe_loading.inspect_not_a_list", found=Shown(names))
    return names


@pytest.mark.parametrize("kind", ["plain", "plain_from_gpu"])
def test_plain_checkpoint_inspects_clean(inspect_checkpoint, tmp_path, kind):
    case = localized(f"safe_loading_case.{kind}")
    path = tmp_path / "plain.pth"
    write_plain(path)
    if kind == "plain_from_gpu":
        as_if_saved_on_gpu(path)  # looking inside needs no GPU either
    names = inspected(inspect_checkpoint, str(path), case)
    expect(names == [], "safe_loading.inspect_not_clean", case=case, found=", ".join(names))


def test_inspection_names_each_type(inspect_checkpoint, tmp_path):
    write_with_config(tmp_path / "config.pth")
    names = inspected(inspect_checkpoint, tmp_path / "config.pth",
                      localized("safe_loading_case.config"))
    expect(sorted(set(names)) == NEEDED, "safe_loading.inspect_names_wrong",
           expected=", ".join(NEEDED), found=", ".join(names) or "[]")
    expect(names == NEEDED, "safe_loading.inspect_not_sorted", found=", ".join(names))


def test_inspection_sorts_every_name(inspect_checkpoint, tmp_path):
    """Eight names: in the order a set gives them they are sorted by chance once in 40320."""
    path, marker = tmp_path / "many.pth", tmp_path / "code-ran"
    many_names(path, marker)
    names = inspected(inspect_checkpoint, path, localized("safe_loading_case.many_names"))
    expect(not marker.exists(), "safe_loading.inspect_ran_code",
           case=localized("safe_loading_case.many_names"))
    expected = set(NEEDED) | {name for name in PAYLOAD_NAMES.values() if name}
    missing = sorted(expected - set(names))
    expect(not missing, "safe_loading.inspect_missed", case=localized("safe_loading_case.many_names"),
           expected=", ".join(missing), found=", ".join(names) or "[]")
    expect(names == sorted(names), "safe_loading.inspect_not_sorted", found=", ".join(names))


@pytest.mark.parametrize("kind", ["missing_module", "impostor_module"])
def test_inspection_imports_nothing(inspect_checkpoint, tmp_path, kind):
    case = localized(f"safe_loading_case.{kind}")
    path, marker = tmp_path / f"{kind}.pth", tmp_path / "code-ran"
    if kind == "missing_module":
        module = f"no_such_module_{uuid.uuid4().hex[:8]}"
        write_with_config(path)
        retarget(path, RunConfig, module)
    else:  # importing this module would leave the marker
        module = impostor_module(path, marker)
    names = inspected(inspect_checkpoint, path, case)
    expect(not marker.exists(), "safe_loading.inspect_ran_code", case=case)
    expect(module not in sys.modules, "safe_loading.inspect_imported", module=module, case=case)
    expected = f"{module}.RunConfig"
    expect(expected in names, "safe_loading.inspect_missed", case=case, expected=expected,
           found=", ".join(names) or "[]")


@pytest.mark.parametrize("kind", PAYLOAD_NAMES)
def test_inspection_runs_no_payload(inspect_checkpoint, tmp_path, kind):
    case = localized(f"safe_loading_case.{kind}")
    path, marker = tmp_path / f"{kind}.pth", tmp_path / "code-ran"
    module = MALICIOUS_FILES[kind](path, marker)
    names = inspected(inspect_checkpoint, path, case)
    expect(not marker.exists(), "safe_loading.inspect_ran_code", case=case)
    expected = PAYLOAD_NAMES[kind] or f"{module}.RunConfig"
    expect(expected in names, "safe_loading.inspect_missed", case=case, expected=expected,
           found=", ".join(names) or "[]")


@pytest.mark.parametrize("kind", UNREADABLE_FILES)
def test_unreadable_file_is_never_called_clean(inspect_checkpoint, tmp_path, kind):
    """A raw pickle, an unknown instruction or a cut-off zip: a ValueError, never []."""
    case = localized(f"safe_loading_case.{kind}")
    path, marker = tmp_path / f"{kind}.pth", tmp_path / "code-ran"
    UNREADABLE_FILES[kind](path, marker)
    crash = None
    try:
        names = inspect_checkpoint(path)
    except Feedback as error:
        if error.key != "common.crashed":
            raise
        names, crash = None, error
    expect(not marker.exists(), "safe_loading.inspect_ran_code", case=case)
    expect(names != [], "safe_loading.inspect_called_clean", case=case)
    expect(crash is not None, "safe_loading.inspect_no_error", case=case, found=Shown(names))
    expect(isinstance(crash.__cause__, ValueError), "safe_loading.inspect_wrong_error", case=case,
           error=crash.values["error"])

