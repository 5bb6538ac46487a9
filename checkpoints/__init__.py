"""Your checkpoint package: fill in the functions in ``basics.py``.

Dein Checkpoint-Paket: Implementiere die Funktionen in ``basics.py``.
Checkpoint paketiniz: ``basics.py`` faylındakı funksiyaları həyata keçirin.
"""

from .basics import load_checkpoint, save_checkpoint

__all__ = ["save_checkpoint", "load_checkpoint"]
