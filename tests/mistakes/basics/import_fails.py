"""A package that cannot be imported at all (a typo in an import, say)."""
import torch.nn.functionals  # noqa: F401  (there is no such module)
