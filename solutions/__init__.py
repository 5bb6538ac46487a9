"""Reference solutions: the same public API as the ``checkpoints`` package."""

from .basics import load_checkpoint, save_checkpoint

__all__ = ["save_checkpoint", "load_checkpoint"]
