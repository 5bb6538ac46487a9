"""Aufgabe 11 / Tapşırıq 11: load_safely."""

import pickle
import sys

import pytest
import torch
from material import as_if_saved_on_gpu
from material_safe_loading import IMPOSTOR_PREFIX, MALICIOUS_FILES, Mode, RunConfig, \
    calls_module_helper, full_name, make_run_folder, write_plain, write_torchscript, \
    write_with_config

from course.grading.compare import first_difference
from course.grading.feedback import Feedback, expect, localized, short_error

# torch warns, in English, about the protocol-5 pickle a test feeds it on purpose.
pytestmark = [pytest.mark.task(11), pytest.mark.filterwarnings("ignore:Detected pickle protocol")]

ALLOW = (RunConfig, Mode)  # what a training script allows for its own checkpoints
NEEDED = sorted(full_name(cls) for cls in ALLOW)


@pytest.fixture(autouse=True)
def clean_process(tmp_path, monkeypatch):
    """Modules written into tmp_path are importable, and nothing outlives the test.

    A leaking allowlist or an imported impostor would change the next test's
    verdict, so both are put back as they were.
    """
    allowed_before = torch.serialization.get_safe_globals()
    monkeypatch.syspath_prepend(tmp_path)
    yield
    torch.serialization.clear_safe_globals()
    torch.serialization.add_safe_globals(allowed_before)
    for name in [name for name in sys.modules if name.startswith(IMPOSTOR_PREFIX)]:
        del sys.modules[name]


def attempt(load_safely, path, **options):
    """What load_safely did: ``(result, None)``, or ``(None, crash)`` if it raised."""
    try:
        return load_safely(path, **options), None
    except Feedback as crash:
        if crash.key != "common.crashed":
            raise
        return None, crash


def expect_refused(outcome, case: dict, returned: str = "safe_loading.not_refused",
                   **values) -> pickle.UnpicklingError:
    """The error load_safely raised; a verdict if it returned or raised another kind."""
    result, crash = outcome
    expect(crash is not None, returned, case=case, found=type(result).__name__, **values)
    error = crash.__cause__
    expect(isinstance(error, pickle.UnpicklingError), "safe_loading.wrong_error", case=case,
           error=crash.values["error"])
    return error


def test_loads_tensors_and_plain_values(load_safely, tmp_path):
    saved = write_plain(tmp_path / "plain.pth")
    loaded = load_safely(str(tmp_path / "plain.pth"))
    difference = first_difference(saved, loaded)
    expect(difference is None, "safe_loading.not_restored", difference=difference)


def test_loads_the_config_and_enum_that_allow_names(load_safely, tmp_path):
    saved = write_with_config(tmp_path / "config.pth")
    loaded, crash = attempt(load_safely, tmp_path / "config.pth", allow=list(ALLOW))
    expect(crash is None, "safe_loading.allowed_refused", error=crash and crash.values["error"])
    difference = first_difference(saved["model_state_dict"], loaded["model_state_dict"])
    expect(difference is None, "safe_loading.not_restored", difference=difference)
    config = loaded["config"]
    expect(config == saved["config"] and config.mode is Mode.FINETUNE,
           "safe_loading.config_not_restored", saved=saved["config"], loaded=config)


@pytest.mark.parametrize("allowed", [RunConfig, Mode], ids=["only_RunConfig", "only_Mode"])
def test_refuses_a_type_that_allow_does_not_name(load_safely, tmp_path, allowed):
    """Both types are needed; allowing one of them is not enough."""
    case = localized(f"safe_loading_case.only_{allowed.__name__}")
    missing = full_name(Mode if allowed is RunConfig else RunConfig)
    write_with_config(tmp_path / "config.pth")
    outcome = attempt(load_safely, tmp_path / "config.pth", allow=[allowed])
    error = expect_refused(outcome, case, "safe_loading.loaded_unallowed", missing=missing)
    expect(missing in str(error), "safe_loading.refusal_unnamed", missing=missing)


def test_refusal_names_every_missing_type(load_safely, tmp_path):
    write_with_config(tmp_path / "config.pth")
    case = localized("safe_loading_case.config")
    outcome = attempt(load_safely, tmp_path / "config.pth")
    error = expect_refused(outcome, case, "safe_loading.loaded_unallowed",
                           missing=", ".join(NEEDED))
    message = str(error)
    expect(all(name in message for name in NEEDED), "safe_loading.refusal_names_not_all",
           expected=", ".join(NEEDED), message=short_error(error, limit=300))


@pytest.mark.parametrize("after", ["after_success", "after_refusal"])
def test_allowlist_does_not_outlive_the_call(load_safely, tmp_path, after):
    path = tmp_path / "config.pth"
    write_with_config(path)
    if after == "after_success":
        load_safely(path, allow=ALLOW)
    else:  # the same allowance, for a file that needs more: refused
        calls_module_helper(tmp_path / "more.pth", tmp_path / "run-folder")
        attempt(load_safely, tmp_path / "more.pth", allow=ALLOW)
    try:
        torch.load(path, weights_only=True)
    except pickle.UnpicklingError:
        return  # still refused: the allowance ended with the call
    raise Feedback("safe_loading.allowlist_leaked", case=localized(f"safe_loading_case.{after}"),
                   names=", ".join(NEEDED))


def test_allows_only_the_named_classes_not_their_module(load_safely, tmp_path):
    case = localized("safe_loading_case.module_helper")
    marker = tmp_path / "run-folder"
    calls_module_helper(tmp_path / "helper.pth", marker)
    outcome = attempt(load_safely, tmp_path / "helper.pth", allow=ALLOW)
    expect(not marker.exists(), "safe_loading.allowed_too_much",
           function=full_name(make_run_folder))
    expect_refused(outcome, case)


@pytest.mark.parametrize("kind", MALICIOUS_FILES)
def test_malicious_file_runs_nothing(load_safely, tmp_path, kind):
    case = localized(f"safe_loading_case.{kind}")
    marker = tmp_path / "code-ran"
    path = tmp_path / f"{kind}.pth"
    MALICIOUS_FILES[kind](path, marker)
    outcome = attempt(load_safely, path, allow=ALLOW)
    expect(not marker.exists(), "safe_loading.ran_code", case=case)
    expect_refused(outcome, case)


@pytest.mark.filterwarnings("ignore::DeprecationWarning", "ignore:'torch.load' received a zip")
def test_refuses_a_torchscript_archive(load_safely, tmp_path):
    """torch.load refuses TorchScript with weights_only=True, but with a RuntimeError."""
    case = localized("safe_loading_case.torchscript")
    path = tmp_path / "scripted.pt"
    write_torchscript(path)
    expect_refused(attempt(load_safely, path, allow=ALLOW), case)


@pytest.mark.parametrize("kind", ["plain", "config"])
def test_file_saved_on_a_gpu_loads_here(load_safely, tmp_path, kind):
    path = tmp_path / "from-gpu.pth"
    saved = (write_plain if kind == "plain" else write_with_config)(path)
    as_if_saved_on_gpu(path)
    loaded, crash = attempt(load_safely, path, allow=ALLOW)
    expect(crash is None, "safe_loading.gpu_not_loaded", error=crash and crash.values["error"])
    weights = loaded["model_state_dict"]
    for key, tensor in weights.items():
        expect(tensor.device.type == "cpu", "safe_loading.gpu_wrong_device", key=key,
               device=tensor.device)
    difference = first_difference(saved["model_state_dict"], weights)
    expect(difference is None, "safe_loading.not_restored", difference=difference)


def test_map_location_is_used(load_safely, tmp_path):
    write_with_config(tmp_path / "config.pth")
    loaded = load_safely(tmp_path / "config.pth", allow=ALLOW, map_location="meta")
    for key, tensor in loaded["model_state_dict"].items():
        expect(tensor.device.type == "meta", "safe_loading.map_location_ignored", key=key,
               device=tensor.device)
