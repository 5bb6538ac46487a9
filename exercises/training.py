"""The toy problem that the training runs of the later lessons train.

Small enough that a run of a few epochs takes well under a second, and made
so that exact resume is a real test: dropout draws from the torch RNG, the
DataLoader shuffles, and the data are fixed by their own generator, so two
runs can only differ through what a checkpoint restores.
"""

from __future__ import annotations

import torch
from torch import nn
from torch.utils.data import DataLoader, TensorDataset

FEATURES = 6


def dataset(samples: int = 48, seed: int = 1234) -> TensorDataset:
    """A fixed regression problem: the same tensors in every process."""
    generator = torch.Generator().manual_seed(seed)
    inputs = torch.randn(samples, FEATURES, generator=generator)
    targets = inputs @ torch.randn(FEATURES, 1, generator=generator) + 0.1
    return TensorDataset(inputs, targets)


class DropoutNet(nn.Module):
    """Two layers with dropout between them: every step uses the RNG."""

    def __init__(self, hidden: int = 16, p: float = 0.3) -> None:
        super().__init__()
        self.layers = nn.Sequential(nn.Linear(FEATURES, hidden), nn.ReLU(),
                                    nn.Dropout(p), nn.Linear(hidden, 1))

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.layers(x)


def shuffled_loader(data: TensorDataset, batch_size: int = 8,
                    generator: torch.Generator | None = None) -> DataLoader:
    """A shuffled DataLoader; pass a generator to make its order restorable."""
    return DataLoader(data, batch_size=batch_size, shuffle=True, generator=generator)


def loss_fn(model: nn.Module, batch: tuple[torch.Tensor, torch.Tensor]) -> torch.Tensor:
    inputs, targets = batch
    return nn.functional.mse_loss(model(inputs), targets)
