"""Inspects by loading the file and looking at what came out: that runs the file."""
import torch

from solutions import load_safely  # noqa: F401

PLAIN = (dict, list, tuple, set, str, bytes, int, float, bool, type(None), torch.Tensor)


def inspect_checkpoint(path):
    found = set()

    def walk(obj):
        if not isinstance(obj, PLAIN):
            found.add(f"{type(obj).__module__}.{type(obj).__qualname__}")
        items = obj.values() if isinstance(obj, dict) else obj if isinstance(obj, (list, tuple)) else ()
        for item in items:
            walk(item)

    walk(torch.load(path, map_location="cpu", weights_only=False))
    return sorted(found)
