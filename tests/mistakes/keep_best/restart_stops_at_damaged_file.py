"""On a restart, stops reading the folder at the first own file that does not load (break, not continue)."""
from solutions.keep_best import CheckpointManager as Reference
from solutions.keep_best import load_latest, own_checkpoints, read_checkpoint  # noqa: F401


class CheckpointManager(Reference):
    def __init__(self, directory, keep_last=3, mode="min"):
        super().__init__(directory, keep_last, mode)
        self._epochs, self._best = set(), None
        for epoch, path in sorted(own_checkpoints(self.directory).items()):
            self._epochs.add(epoch)
            try:
                metric = read_checkpoint(path, mmap=True)["metric"]
            except Exception as error:
                print(f"{path.name}: {error}")
                break
            self._consider(epoch, metric)
