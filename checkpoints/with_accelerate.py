"""
[de]
Aufgaben 3–4: Checkpoints mit Accelerate. Ersetze jedes
``raise NotImplementedError`` durch deine Lösung und starte dann
``pytest exercises --lesson accelerate``.

[az]
Tapşırıqlar 3–4: Accelerate ilə checkpoint-lər. Hər
``raise NotImplementedError`` sətrini öz həllinizlə əvəz edin, sonra
``pytest exercises --lesson accelerate`` əmrini işə salın.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence

import torch
from accelerate import Accelerator
from torch import nn
from torch.utils.data import DataLoader


def train_with_accelerate(
    model: nn.Module,
    optimizer: torch.optim.Optimizer,
    train_loader: DataLoader,
    loss_fn: Callable[[nn.Module, object], torch.Tensor],
    evaluate: Callable[[nn.Module], float],
    epochs: int,
    checkpoint_dir: str | os.PathLike[str],
    scheduler: torch.optim.lr_scheduler.LRScheduler | None = None,
    after_epoch: Callable[[int, float], None] | None = None,
) -> float:
    """
    [de]
    Trainiert mit Accelerate, speichert nach jeder Epoche und setzt fort.

    Legt einen ``Accelerator`` an und bereitet Modell, Optimierer,
    ``train_loader`` und (falls gegeben) ``scheduler`` mit ``prepare`` vor.
    Liegt in ``checkpoint_dir`` schon ein Zustand von ``save_state``, setzt
    die Funktion dort fort: mit der Epoche nach der zuletzt gespeicherten
    und mit dem besten Validierungs-Loss, der bisher gemessen wurde.

    Am Ende jeder Epoche ``e``:

    1. ``val_loss = evaluate(model)``, genau einmal je Epoche;
    2. ``accelerator.save_state`` in einen Ordner für den letzten Stand
       (Name und Aufbau innerhalb von ``checkpoint_dir`` wählst du selbst);
    3. ist ``val_loss`` kleiner als jeder bisherige Validierungs-Loss, auch
       der vor einer Unterbrechung, zusätzlich ``save_state`` in den Ordner
       ``checkpoint_dir/"best"``;
    4. ``after_epoch(e, val_loss)``, falls gegeben, erst nach dem Speichern.

    Ein Trainingsschritt: ``optimizer.zero_grad()``,
    ``accelerator.backward(loss_fn(model, batch))``, ``optimizer.step()``;
    ``scheduler.step()`` einmal am Ende jeder Epoche.

    :param model: Das Modell.
    :param optimizer: Der Optimierer.
    :param train_loader: Der DataLoader der Trainingsdaten (mischt).
    :param loss_fn: ``loss_fn(model, batch)`` gibt den Loss eines Batches.
    :param evaluate: ``evaluate(model)`` gibt den Validierungs-Loss.
    :param epochs: Die Zahl der Epochen des ganzen Trainings.
    :param checkpoint_dir: Der Ordner aller Zustände dieses Trainings.
    :param scheduler: Ein Lernraten-Scheduler oder ``None``.
    :param after_epoch: Wird am Ende jeder Epoche nach dem Speichern
        aufgerufen, mit der Epoche und ihrem Validierungs-Loss.
    :returns: Der kleinste Validierungs-Loss des ganzen Trainings.

    [az]
    Accelerate ilə təlim edir, hər epoxadan sonra yadda saxlayır və davam etdirir.

    ``Accelerator`` yaradır və modeli, optimallaşdırıcını, ``train_loader``-i
    və (verilibsə) ``scheduler``-i ``prepare`` ilə hazırlayır.
    ``checkpoint_dir`` qovluğunda ``save_state`` ilə saxlanılmış vəziyyət
    artıq varsa, funksiya təlimi oradan davam etdirir: sonuncu saxlanılmış
    epoxadan sonrakı epoxadan və indiyə qədər ölçülmüş ən kiçik validasiya
    loss-u ilə.

    Hər ``e`` epoxasının sonunda:

    1. ``val_loss = evaluate(model)``, hər epoxada tam bir dəfə;
    2. ``accelerator.save_state`` ilə son vəziyyət üçün qovluğa yazmaq
       (``checkpoint_dir`` daxilində adını və quruluşunu özünüz seçirsiniz);
    3. ``val_loss`` əvvəlki bütün validasiya loss-larından, fasilədən
       əvvəlkilər də daxil olmaqla, kiçikdirsə, əlavə olaraq
       ``checkpoint_dir/"best"`` qovluğuna ``save_state``;
    4. verilibsə, ``after_epoch(e, val_loss)``, yalnız yadda saxladıqdan sonra.

    Bir təlim addımı: ``optimizer.zero_grad()``,
    ``accelerator.backward(loss_fn(model, batch))``, ``optimizer.step()``;
    ``scheduler.step()`` hər epoxanın sonunda bir dəfə.

    :param model: Model.
    :param optimizer: Optimallaşdırıcı.
    :param train_loader: Təlim verilənlərinin DataLoader-i (qarışdırır).
    :param loss_fn: ``loss_fn(model, batch)`` bir batch-in loss-unu qaytarır.
    :param evaluate: ``evaluate(model)`` validasiya loss-unu qaytarır.
    :param epochs: Bütün təlimin epoxalarının sayı.
    :param checkpoint_dir: Bu təlimin bütün vəziyyətlərinin qovluğu.
    :param scheduler: Öyrənmə sürəti planlayıcısı (scheduler), yaxud ``None``.
    :param after_epoch: Hər epoxanın sonunda, yadda saxladıqdan sonra,
        epoxa və onun validasiya loss-u ilə çağırılır.
    :returns: Bütün təlimin ən kiçik validasiya loss-u.
    """
    raise NotImplementedError("train_with_accelerate")


def load_state_safely(
    accelerator: Accelerator,
    input_dir: str | os.PathLike[str],
    safe_globals: Sequence[object] = (),
) -> bool:
    """
    [de]
    Wie ``accelerator.load_state(input_dir)``, aber ohne Code aus dem Ordner auszuführen.

    Accelerate lädt die Dateien ``custom_checkpoint_<n>.pkl`` der mit
    ``register_for_checkpointing`` angemeldeten Objekte mit
    ``weights_only=False``. Die Funktion prüft deshalb zuerst jede dieser
    Dateien mit ``torch.load(..., weights_only=True)`` und ruft
    ``load_state`` nur auf, wenn alle bestehen.

    Fehlt der Ordner, enthält eine dieser Dateien mehr als Tensoren und
    einfache Werte oder scheitert ``load_state``, gibt die Funktion eine
    Meldung mit dem Datei- oder Ordnernamen aus und gibt ``False`` zurück,
    ohne eine Ausnahme auszulösen. Wird eine Datei abgelehnt, bleiben Modell,
    Optimierer und angemeldete Objekte unverändert.

    :param accelerator: Der Accelerator, dessen vorbereitete und angemeldete
        Objekte geladen werden.
    :param input_dir: Ein Ordner, den ``save_state`` geschrieben hat.
    :param safe_globals: Weitere Typen, die die angemeldeten Objekte in
        ihrem Zustand brauchen. Sie sind nur während der Prüfung erlaubt (mit
        ``torch.serialization.safe_globals``), danach nicht mehr.
    :returns: ``True``, wenn der Zustand geladen wurde, sonst ``False``.

    [az]
    ``accelerator.load_state(input_dir)`` kimi, amma qovluqdakı heç bir kodu icra etmədən.

    Accelerate ``register_for_checkpointing`` ilə qeydə alınmış obyektlərin
    ``custom_checkpoint_<n>.pkl`` fayllarını ``weights_only=False`` ilə
    yükləyir. Ona görə funksiya əvvəlcə bu faylların hər birini
    ``torch.load(..., weights_only=True)`` ilə yoxlayır və ``load_state``-i
    yalnız hamısı yoxlamadan keçdikdə çağırır.

    Qovluq yoxdursa, bu fayllardan birində tensorlardan və sadə dəyərlərdən
    başqa şeylər varsa və ya ``load_state`` uğursuz olursa, funksiya fayl və
    ya qovluq adını göstərən mesaj çap edir və istisna qaldırmadan ``False``
    qaytarır. Fayl rədd edilibsə, model, optimallaşdırıcı və qeydə alınmış
    obyektlər olduğu kimi qalır.

    :param accelerator: Hazırlanmış və qeydə alınmış obyektləri yüklənən
        Accelerator.
    :param input_dir: ``save_state``-in yazdığı qovluq.
    :param safe_globals: Qeydə alınmış obyektlərin vəziyyətində lazım olan
        əlavə tiplər. Onlara yalnız yoxlama zamanı icazə verilir
        (``torch.serialization.safe_globals`` ilə), sonra yox.
    :returns: Vəziyyət yüklənibsə ``True``, əks halda ``False``.
    """
    raise NotImplementedError("load_state_safely")
