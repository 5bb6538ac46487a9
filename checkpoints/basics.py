"""
[de]
Aufgaben 1–2: einen Checkpoint speichern und laden.

Ersetze jedes ``raise NotImplementedError`` durch deine Implementierung und
führe dann ``pytest exercises`` aus.

[az]
Tapşırıqlar 1–2: checkpoint-i yadda saxlamaq və yükləmək.

Hər ``raise NotImplementedError`` sətrini öz həllinizlə əvəz edin, sonra
``pytest exercises`` əmrini işə salın.
"""

from __future__ import annotations

import os

import torch
from torch import nn


def save_checkpoint(
    model: nn.Module,
    optimizer: torch.optim.Optimizer,
    epoch: int,
    filename: str | os.PathLike[str] = "checkpoint.pth",
    loss: float | None = None,
) -> None:
    """
    [de]
    Speichert den Zustand von Modell und Optimierer in einer Checkpoint-Datei.

    Schreibt mit :func:`torch.save` ein Dictionary mit mindestens den
    Schlüsseln ``"epoch"``, ``"model_state_dict"``, ``"optimizer_state_dict"``
    und ``"loss"``. Es darf nur Tensoren und einfache Python-Werte enthalten,
    damit es sich mit ``torch.load(..., weights_only=True)`` laden lässt. Die
    Gewichte werden exakt gespeichert: gleicher Datentyp, gleiche Bits.

    :param model: Das Modell, dessen Gewichte gespeichert werden.
    :param optimizer: Der Optimierer, dessen Zustand gespeichert wird.
    :param epoch: Die zuletzt vollständig abgeschlossene Epoche.
    :param filename: Pfad der Checkpoint-Datei.
    :param loss: Der zuletzt gemessene Loss, oder ``None``.

    [az]
    Modelin və optimallaşdırıcının vəziyyətini checkpoint faylında yadda saxlayır.

    :func:`torch.save` ilə ən azı ``"epoch"``, ``"model_state_dict"``,
    ``"optimizer_state_dict"`` və ``"loss"`` açarları olan bir lüğət yazır.
    Lüğətdə yalnız tensorlar və sadə Python dəyərləri olmalıdır ki, onu
    ``torch.load(..., weights_only=True)`` ilə yükləmək mümkün olsun.
    Çəkilər dəqiq saxlanılır: eyni verilənlər tipi, eyni bitlər.

    :param model: Çəkiləri yadda saxlanılan model.
    :param optimizer: Vəziyyəti yadda saxlanılan optimallaşdırıcı.
    :param epoch: Sonuncu tam başa çatmış epoxa.
    :param filename: Checkpoint faylının yolu.
    :param loss: Sonuncu ölçülmüş loss, yaxud ``None``.
    """
    raise NotImplementedError("save_checkpoint")


def load_checkpoint(
    model: nn.Module,
    optimizer: torch.optim.Optimizer,
    filename: str | os.PathLike[str] = "checkpoint.pth",
) -> int:
    """
    [de]
    Stellt Modell und Optimierer aus einer Checkpoint-Datei wieder her.

    Lädt nur Gewichte (``weights_only=True``), führt also nie Code aus der
    Datei aus, und lädt auch Checkpoints, die auf einer GPU gespeichert wurden,
    auf einem Rechner ohne GPU.

    Fehlt die Datei, gibt die Funktion eine Meldung mit dem Dateinamen aus und
    gibt ``0`` zurück. Ist die Datei beschädigt oder passt sie nicht zu Modell
    oder Optimierer, nennt die Meldung Datei und Grund, die Funktion gibt
    ``0`` zurück, und Modell und Optimierer bleiben genau so, wie sie waren:
    kein halbes Laden.

    :param model: Das Modell, in das die Gewichte geladen werden.
    :param optimizer: Der Optimierer, dessen Zustand geladen wird.
    :param filename: Pfad der Checkpoint-Datei.
    :returns: Die erste Epoche, die noch trainiert werden muss: die
        gespeicherte Epoche + 1, oder ``0``, wenn nichts geladen wurde.

    [az]
    Modeli və optimallaşdırıcını checkpoint faylından bərpa edir.

    Yalnız çəkiləri yükləyir (``weights_only=True``), yəni fayldakı heç bir
    kodu icra etmir. GPU-da yadda saxlanılmış checkpoint-i GPU-suz kompüterdə
    də yükləyir.

    Fayl yoxdursa, funksiya faylın adını göstərən bir mesaj çap edir və ``0``
    qaytarır. Fayl zədələnibsə və ya modelə, yaxud optimallaşdırıcıya uyğun
    gəlmirsə, mesaj faylı və səbəbi göstərir, funksiya ``0`` qaytarır, model
    və optimallaşdırıcı isə olduğu kimi qalır: yarımçıq yükləmə olmur.

    :param model: Çəkilərin yükləndiyi model.
    :param optimizer: Vəziyyəti yüklənən optimallaşdırıcı.
    :param filename: Checkpoint faylının yolu.
    :returns: Təlimin davam etməli olduğu ilk epoxa: yadda saxlanılmış
        epoxa + 1, heç nə yüklənməyibsə ``0``.
    """
    raise NotImplementedError("load_checkpoint")
