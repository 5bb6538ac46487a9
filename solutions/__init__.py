"""Reference solutions: the same public API as the ``checkpoints`` package."""

import importlib

# Each public function and the lesson module it lives in. A lesson's module is
# imported the first time one of its functions is used, so the basics lesson
# never pays for importing accelerate or torch.distributed.
_MODULE_OF = {
    "save_checkpoint": "basics",
    "load_checkpoint": "basics",
    # lesson modules after basics add their functions here, in course order
}

__all__ = list(_MODULE_OF)


def __getattr__(name: str):
    if name not in _MODULE_OF:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    module = importlib.import_module(f"{__name__}.{_MODULE_OF[name]}")
    return getattr(module, name)


def __dir__() -> list[str]:
    return sorted([*globals(), *__all__])
