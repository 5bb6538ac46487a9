"""
[de]
Musterlösung zu den Aufgaben 5–6: den ganzen Zustand des Trainings erfassen
und wiederherstellen.

[az]
Tapşırıqlar 5–6 üçün nümunə həll: təlimin bütün vəziyyətini toplamaq və
bərpa etmək.
"""

from __future__ import annotations

import random
from collections.abc import Mapping
from typing import Any

import numpy as np
import torch
from torch import nn

from ._resume_messages import MissingPart


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
    state = {
        "model": model.state_dict(),
        "optimizer": optimizer.state_dict(),
        "rng": _random_states(),
        "extra": dict(extra or {}),
    }
    if scheduler is not None:
        state["scheduler"] = scheduler.state_dict()
    if scaler is not None:
        state["scaler"] = scaler.state_dict()
    if generator is not None:
        # [de] Ein uint8-Tensor; er legt fest, wie der DataLoader mischt.
        # [az] uint8 tensoru; DataLoader-in necə qarışdırdığını o təyin edir.
        state["generator"] = generator.get_state()
    return state


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
    wanted = {"model": model, "optimizer": optimizer, "rng": True, "scheduler": scheduler,
              "scaler": scaler, "generator": generator}
    # [de] Erst alles prüfen, dann ändern: Fehlt ein Teil, bleibt alles, wie es war.
    # [az] Əvvəlcə hər şeyi yoxlayırıq, sonra dəyişirik: bir hissə yoxdursa, heç nə
    # dəyişmir.
    for part, given in wanted.items():
        if given is not None and part not in state:
            raise MissingPart(part)
    model.load_state_dict(state["model"])
    optimizer.load_state_dict(state["optimizer"])
    if scheduler is not None:
        scheduler.load_state_dict(state["scheduler"])
    if scaler is not None:
        scaler.load_state_dict(state["scaler"])
    if generator is not None:
        generator.set_state(state["generator"])
    # [de] Zuletzt, damit danach nichts mehr eine Zufallszahl zieht, bevor das
    # Training es tut.
    # [az] Bunu ən sonda edirik ki, bundan sonra təlimdən əvvəl heç nə təsadüfi ədəd
    # götürməsin.
    _set_random_states(state["rng"])
    return dict(state.get("extra") or {})


def _random_states() -> dict[str, Any]:
    """
    [de]
    Die Zustände der globalen Zufallszahlengeneratoren, als Werte, die
    ``torch.load(..., weights_only=True)`` laden kann.

    [az]
    Qlobal təsadüfi ədədlər generatorlarının vəziyyətləri,
    ``torch.load(..., weights_only=True)`` ilə yüklənə bilən dəyərlər kimi.
    """
    # [de] np.random.get_state() enthält ein NumPy-Array, das weights_only=True
    # nicht lädt; als einfache ints und floats lassen sich seine Teile überall laden.
    # [az] np.random.get_state() funksiyasının qaytardığı vəziyyətdə NumPy massivi
    # var, weights_only=True isə onu yükləmir; onun hissələri sadə int və float
    # kimi hər yerdə yüklənir.
    numpy = np.random.get_state(legacy=False)
    return {
        "python": random.getstate(),  # [de] ein Tupel aus ints [az] int-lərdən ibarət tuple
        "numpy": {"key": numpy["state"]["key"].tolist(), "pos": numpy["state"]["pos"],
                  "has_gauss": numpy["has_gauss"], "gauss": numpy["gauss"]},
        "torch": torch.get_rng_state(),
        # [de] Ein Zustand je GPU; ohne GPU eine leere Liste.
        # [az] Hər GPU üçün bir vəziyyət; GPU yoxdursa, boş siyahı.
        "cuda": torch.cuda.get_rng_state_all() if torch.cuda.is_available() else [],
    }


def _set_random_states(states: Mapping[str, Any]) -> None:
    random.setstate(states["python"])
    numpy = states["numpy"]
    np.random.set_state(("MT19937", np.array(numpy["key"], dtype=np.uint32), numpy["pos"],
                         numpy["has_gauss"], numpy["gauss"]))
    torch.set_rng_state(states["torch"])
    if torch.cuda.is_available():
        for device, cuda_state in enumerate(states["cuda"][: torch.cuda.device_count()]):
            torch.cuda.set_rng_state(cuda_state, device)
