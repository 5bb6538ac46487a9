"""Lists every global in the pickle, also those torch loads by default (tensors, OrderedDict)."""
import pickletools
import zipfile

from solutions import load_safely  # noqa: F401


def inspect_checkpoint(path):
    with zipfile.ZipFile(path) as archive:
        name = next(n for n in archive.namelist() if n.endswith("/data.pkl"))
        data = archive.read(name)
    return sorted({arg.replace(" ", ".") for op, arg, _ in pickletools.genops(data)
                   if op.name == "GLOBAL"})
