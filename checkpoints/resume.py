"""
[de]
Aufgaben 5–6: den ganzen Zustand des Trainings erfassen und wiederherstellen,
damit ein fortgesetztes Training genau so weiterläuft wie eines, das nie
unterbrochen wurde. Ersetze jedes ``raise NotImplementedError`` durch deine
Implementierung und starte dann ``pytest exercises --lesson resume``.

[az]
Tapşırıqlar 5–6: təlimin bütün vəziyyətini toplamaq və bərpa etmək ki, davam
etdirilən təlim heç vaxt dayandırılmamış təlim kimi getsin. Hər
``raise NotImplementedError`` sətrini öz həllinizlə əvəz edin, sonra
``pytest exercises --lesson resume`` əmrini işə salın.
"""

from __future__ import annotations

import random  # noqa: F401
from collections.abc import Mapping
from typing import Any

import numpy as np  # noqa: F401
import torch
from torch import nn


def capture_training_state(
    model: nn.Module,
    optimizer: torch.optim.Optimizer,
    scheduler: torch.optim.lr_scheduler.LRScheduler | None = None,
    *,
    scaler: torch.amp.GradScaler | None = None,
    generator: torch.Generator | None = None,
    extra: Mapping[str, Any] | None = None,
) -> dict[str, Any]:
    """
    [de]
    Erfasst den ganzen Zustand des Trainings, den ein exaktes Fortsetzen braucht.

    Dazu gehören Modell, Optimierer und Lernraten-Scheduler, ein GradScaler,
    falls einer übergeben wird, der Generator, der die Reihenfolge des
    ``DataLoader`` bestimmt, und die Zustände der Zufallszahlengeneratoren
    von Python (``random``), NumPy, torch auf der CPU und, falls vorhanden,
    CUDA, jeweils vollständig, samt dem zwischengespeicherten Wert von
    ``random.gauss`` und NumPys ``has_gauss`` und ``gauss``. Das Ergebnis
    enthält nur Tensoren und einfache Python-Werte, lässt sich also mit
    ``torch.load(..., weights_only=True)`` laden.

    Wie ``state_dict()`` verweist das Dictionary auf die Tensoren des
    laufenden Trainings: Speichere es sofort mit :func:`torch.save`. Das
    Erfassen selbst verändert nichts, auch keinen Zufallszahlengenerator.

    :param model: Das Modell.
    :param optimizer: Der Optimierer.
    :param scheduler: Der Lernraten-Scheduler, oder ``None``.
    :param scaler: Der GradScaler, oder ``None``.
    :param generator: Der Generator des ``DataLoader``
        (``DataLoader(..., generator=generator)``), oder ``None``.
    :param extra: Weitere einfache Werte, etwa die Epoche; ``restore_training_state``
        gibt sie zurück.
    :returns: Ein Dictionary für ``torch.save``.

    [az]
    Təlimi dəqiq davam etdirmək üçün lazım olan bütün vəziyyəti toplayır.

    Buraya model, optimallaşdırıcı və öyrənmə sürəti planlayıcısı
    (scheduler), verilibsə GradScaler, ``DataLoader``-in sırasını təyin edən
    generator, həmçinin Python-un (``random``), NumPy-ın, CPU-da torch-un və
    varsa CUDA-nın təsadüfi ədədlər generatorlarının vəziyyətləri daxildir,
    hər biri tam şəkildə: ``random.gauss``-un ehtiyatda saxladığı dəyər və
    NumPy-ın ``has_gauss`` və ``gauss`` dəyərləri də. Nəticədə yalnız
    tensorlar və sadə Python dəyərləri olur, ona görə də o,
    ``torch.load(..., weights_only=True)`` ilə yüklənir.

    ``state_dict()`` kimi, lüğət işləyən təlimin tensorlarına istinad edir: onu
    dərhal :func:`torch.save` ilə yadda saxlayın. Toplamaq özü heç nəyi,
    təsadüfi ədədlər generatorlarını da dəyişmir.

    :param model: Model.
    :param optimizer: Optimallaşdırıcı.
    :param scheduler: Öyrənmə sürəti planlayıcısı, yaxud ``None``.
    :param scaler: GradScaler, yaxud ``None``.
    :param generator: ``DataLoader``-in generatoru
        (``DataLoader(..., generator=generator)``), yaxud ``None``.
    :param extra: Başqa sadə dəyərlər, məsələn, epoxa; onları
        ``restore_training_state`` qaytarır.
    :returns: ``torch.save`` üçün lüğət.
    """
    raise NotImplementedError("capture_training_state")


def restore_training_state(
    state: Mapping[str, Any],
    model: nn.Module,
    optimizer: torch.optim.Optimizer,
    scheduler: torch.optim.lr_scheduler.LRScheduler | None = None,
    *,
    scaler: torch.amp.GradScaler | None = None,
    generator: torch.Generator | None = None,
) -> dict[str, Any]:
    """
    [de]
    Stellt einen mit ``capture_training_state`` erfassten Zustand wieder her.

    Danach zieht das Training dieselben Zufallszahlen und Batches und nutzt
    dieselbe Lernrate wie der Lauf, der nie unterbrochen wurde. Übergib
    dieselben Arten von Objekten wie beim Erfassen. Fehlt im Zustand ein Teil,
    für den ein Objekt übergeben wird, bricht die Funktion mit ``ValueError``
    ab, bevor sie etwas verändert. Zustände von GPUs, die es hier nicht gibt,
    bleiben unbenutzt.

    :param state: Der Zustand, z. B. aus ``torch.load(..., weights_only=True)``.
    :param model: Das Modell.
    :param optimizer: Der Optimierer.
    :param scheduler: Der Lernraten-Scheduler, oder ``None``.
    :param scaler: Der GradScaler, oder ``None``.
    :param generator: Der Generator des ``DataLoader``, oder ``None``.
    :returns: Die beim Erfassen als ``extra`` übergebenen Werte.
    :raises ValueError: Wenn ein benötigter Teil im Zustand fehlt.

    [az]
    ``capture_training_state`` ilə toplanmış vəziyyəti bərpa edir.

    Bundan sonra təlim heç vaxt dayandırılmamış təlim ilə eyni təsadüfi
    ədədləri, eyni batch-ləri və eyni öyrənmə sürətini alır. Toplayarkən
    verdiyiniz obyekt növlərini verin. Obyekti verilmiş hissə vəziyyətdə
    yoxdursa, funksiya heç nəyi dəyişməzdən əvvəl ``ValueError`` ilə
    dayanır. Burada olmayan GPU-ların vəziyyətlərindən istifadə edilmir.

    :param state: Vəziyyət, məsələn, ``torch.load(..., weights_only=True)``-un nəticəsi.
    :param model: Model.
    :param optimizer: Optimallaşdırıcı.
    :param scheduler: Öyrənmə sürəti planlayıcısı, yaxud ``None``.
    :param scaler: GradScaler, yaxud ``None``.
    :param generator: ``DataLoader``-in generatoru, yaxud ``None``.
    :returns: Toplayarkən ``extra`` kimi verilmiş dəyərlər.
    :raises ValueError: Lazım olan hissə vəziyyətdə yoxdursa.
    """
    raise NotImplementedError("restore_training_state")
