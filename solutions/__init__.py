"""Reference solutions: the same public API as the ``checkpoints`` package."""

import importlib

# Each public function and the lesson module it lives in. A lesson's module is
# imported the first time one of its functions is used, so the basics lesson
# never pays for importing accelerate or torch.distributed.
_MODULE_OF = {
    "save_checkpoint": "basics",
    "load_checkpoint": "basics",
    "train_with_accelerate": "with_accelerate",
    "load_state_safely": "with_accelerate",
    "capture_training_state": "resume",
    "restore_training_state": "resume",
    "atomic_save": "crash_safe",
    "remove_stale_temp_files": "crash_safe",
    "CheckpointManager": "keep_best",
    "load_latest": "keep_best",
    "load_safely": "safe_loading",
    "inspect_checkpoint": "safe_loading",
    "save_distributed": "distributed",
    "load_distributed": "distributed",
    "latest_complete": "distributed",
    "consolidate": "distributed",
    "AsyncCheckpointer": "asynchronous",
    "train_with_async_checkpoints": "asynchronous",
    # a new lesson adds its functions here, in course order
}

__all__ = list(_MODULE_OF)


def __getattr__(name: str):
    if name not in _MODULE_OF:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    module = importlib.import_module(f"{__name__}.{_MODULE_OF[name]}")
    return getattr(module, name)


def __dir__() -> list[str]:
    return sorted([*globals(), *__all__])
