"""
[de]
Musterlösung zu den Aufgaben 3–4: Checkpoints mit Accelerate.

[az]
Tapşırıqlar 3–4 üçün nümunə həll: Accelerate ilə checkpoint-lər.
"""

from __future__ import annotations

import math
import os
from collections.abc import Callable, Sequence
from pathlib import Path

import torch
from accelerate import Accelerator
from torch import nn
from torch.utils.data import DataLoader

from course.i18n import chosen_languages, render

_MESSAGES = {
    "no_folder": {
        "de": "Checkpoint-Ordner {folder} nicht gefunden. Es wird nichts geladen.",
        "az": "Checkpoint qovluğu {folder} tapılmadı. Heç nə yüklənmir.",
    },
    "unsafe": {
        "de": "{file} enthält mehr als Tensoren und einfache Werte ({reason}). "
        "Der Ordner wird nicht geladen; Modell und Optimierer bleiben unverändert.",
        "az": "{file} faylında tensorlardan və sadə dəyərlərdən başqa şeylər də var ({reason}). "
        "Qovluq yüklənmir; model və optimallaşdırıcı dəyişmir.",
    },
    "unusable": {
        "de": "Checkpoint-Ordner {folder} ist unbrauchbar ({reason}). Es wird nichts geladen.",
        "az": "Checkpoint qovluğu {folder} yararsızdır ({reason}). Heç nə yüklənmir.",
    },
}


def _say(key: str, **values: object) -> None:
    print(render(_MESSAGES[key], chosen_languages(), **values))


class TrainingProgress:
    """
    [de]
    Wo das Training steht: die nächste Epoche und der kleinste Validierungs-Loss.

    Ein kleines eigenes Objekt. Nach ``register_for_checkpointing`` speichert
    jedes ``save_state`` es mit (als ``custom_checkpoint_0.pkl``), und jedes
    ``load_state`` stellt es wieder her. Sein Zustand besteht nur aus einer
    ganzen Zahl und einem float, lässt sich also auch mit
    ``torch.load(..., weights_only=True)`` laden.

    [az]
    Təlimin hansı mərhələdə olduğu: növbəti epoxa və ən kiçik validasiya loss-u.

    Öz kiçik obyektimiz. ``register_for_checkpointing``-dən sonra hər
    ``save_state`` onu da yadda saxlayır (``custom_checkpoint_0.pkl`` kimi),
    hər ``load_state`` isə onu bərpa edir. Onun vəziyyəti yalnız bir tam
    ədəddən və bir float dəyərindən ibarətdir, ona görə də
    ``torch.load(..., weights_only=True)`` ilə də yüklənir.
    """

    def __init__(self) -> None:
        self.epoch = 0  # [de] nächste zu trainierende Epoche [az] təlim ediləcək növbəti epoxa
        self.best_loss = math.inf

    def finish_epoch(self, val_loss: float) -> bool:
        """
        [de]
        Zählt eine abgeschlossene Epoche; gibt ``True`` zurück, wenn ``val_loss``
        ein neuer Bestwert ist.

        [az]
        Başa çatmış bir epoxanı sayır; ``val_loss`` yeni ən yaxşı dəyərdirsə,
        ``True`` qaytarır.
        """
        self.epoch += 1
        improved = val_loss < self.best_loss
        if improved:
            self.best_loss = float(val_loss)
        return improved

    def state_dict(self) -> dict[str, int | float]:
        return {"epoch": self.epoch, "best_loss": self.best_loss}

    def load_state_dict(self, state: dict[str, int | float]) -> None:
        self.epoch, self.best_loss = int(state["epoch"]), float(state["best_loss"])


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
    accelerator = Accelerator()
    progress = TrainingProgress()
    accelerator.register_for_checkpointing(progress)
    # [de] Auch der Scheduler geht durch prepare: Dann speichert save_state ihn
    # als scheduler.bin, und load_state stellt ihn wieder her. Ohne prepare
    # geschähe das nur, wenn er mit register_for_checkpointing angemeldet wäre.
    # [az] Scheduler də prepare-dən keçir: onda save_state onu scheduler.bin
    # kimi yadda saxlayır, load_state isə bərpa edir. prepare olmadan bu,
    # yalnız o, register_for_checkpointing ilə qeydə alınsaydı baş verərdi.
    prepared = [model, optimizer, train_loader] + ([scheduler] if scheduler else [])
    model, optimizer, train_loader, *rest = accelerator.prepare(*prepared)
    scheduler = rest[0] if rest else None

    latest, best = Path(checkpoint_dir) / "latest", Path(checkpoint_dir) / "best"
    # [de] Erst nach prepare: load_state stellt die vorbereiteten Objekte (Modell,
    # Optimierer, Scheduler), die Zufallszahlengeneratoren und progress wieder her.
    # [az] Yalnız prepare-dən sonra: load_state hazırlanmış obyektləri (model,
    # optimallaşdırıcı, scheduler), təsadüfi ədədlər generatorlarını və
    # progress obyektini bərpa edir.
    if latest.is_dir():
        accelerator.load_state(latest)

    for epoch in range(progress.epoch, epochs):
        model.train()
        for batch in train_loader:
            optimizer.zero_grad()
            accelerator.backward(loss_fn(model, batch))
            optimizer.step()
        if scheduler is not None:
            scheduler.step()
        val_loss = evaluate(model)
        improved = progress.finish_epoch(val_loss)
        accelerator.save_state(latest)
        if improved:
            accelerator.save_state(best)
        if after_epoch is not None:
            after_epoch(epoch, val_loss)
    return progress.best_loss


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
    folder = Path(input_dir)
    if not folder.is_dir():
        _say("no_folder", folder=folder)
        return False
    # [de] Genau die Dateien, die Accelerate selbst mit weights_only=False laden
    # würde. Erst wenn alle die Prüfung bestehen, darf load_state sie laden.
    # [az] Accelerate-in özünün weights_only=False ilə yükləyəcəyi fayllar. Yalnız
    # hamısı yoxlamadan keçdikdə load_state onları yükləyə bilər.
    for file in sorted(folder.glob("custom_checkpoint_*.pkl")):
        try:
            with torch.serialization.safe_globals(list(safe_globals)):
                torch.load(file, map_location="cpu", weights_only=True)
        except Exception as error:
            _say("unsafe", file=file, reason=f"{type(error).__name__}")
            return False
    try:
        accelerator.load_state(folder)
    except Exception as error:
        _say("unusable", folder=folder, reason=f"{type(error).__name__}: {error}".splitlines()[0])
        return False
    return True
