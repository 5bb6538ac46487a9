"""
[de]
Aufgaben 13–14: verteilte Checkpoints mit ``torch.distributed.checkpoint``
(DCP). Ersetze jedes ``raise NotImplementedError`` durch deine
Implementierung und starte dann ``pytest exercises --lesson distributed``.

[az]
Tapşırıqlar 13–14: ``torch.distributed.checkpoint`` (DCP) ilə paylanmış
checkpoint-lər. Hər ``raise NotImplementedError`` sətrini öz həllinizlə
əvəz edin, sonra ``pytest exercises --lesson distributed`` əmrini işə salın.
"""

from __future__ import annotations

import os
from pathlib import Path

import torch
import torch.distributed.checkpoint as dcp  # noqa: F401
from torch import nn
from torch.distributed.checkpoint.format_utils import dcp_to_torch_save  # noqa: F401
from torch.distributed.checkpoint.state_dict import get_state_dict, set_state_dict  # noqa: F401


def save_distributed(
    model: nn.Module,
    optimizer: torch.optim.Optimizer,
    directory: str | os.PathLike[str],
) -> None:
    """
    [de]
    Speichert Modell und Optimierer als verteilten Checkpoint (DCP) in einen Ordner.

    Wird auf jedem Rang aufgerufen, denn :func:`torch.distributed.checkpoint.save`
    ist eine kollektive Operation: Jeder Rang schreibt seine eigene
    Shard-Datei, Rang 0 zuletzt die Datei ``.metadata``. Die Zustände kommen
    aus :func:`~torch.distributed.checkpoint.state_dict.get_state_dict`, also
    ohne das Präfix ``module.`` eines DDP-Wrappers. Das gespeicherte
    Dictionary hat die Schlüssel ``"model"`` und ``"optimizer"``.

    Einen vollständigen Checkpoint überschreibt die Funktion nie. DCP würde
    die neuen Shards über die alten schreiben, und bis Rang 0 am Ende die
    neue ``.metadata`` an ihren Platz setzt, läge die alte daneben: Ein
    Absturz in dieser Zeit hinterließe einen Ordner, der vollständig aussieht,
    aber alte und neue Daten mischt. Einen Ordner ohne ``.metadata``, den ein
    abgebrochenes Speichern hinterlassen hat, beschreibt sie dagegen neu.

    :param model: Das Modell, mit oder ohne ``DistributedDataParallel``.
    :param optimizer: Der Optimierer des Modells.
    :param directory: Der Ordner des Checkpoints; er wird angelegt, wenn er fehlt.
    :raises FileExistsError: Wenn in ``directory`` schon ein vollständiger
        Checkpoint liegt (mit ``.metadata``); keine Datei darin wird verändert.

    [az]
    Modeli və optimallaşdırıcını paylanmış checkpoint (DCP) kimi qovluqda yadda saxlayır.

    Hər rank-da çağırılır, çünki :func:`torch.distributed.checkpoint.save`
    kollektiv əməliyyatdır: hər rank öz shard faylını yazır, rank 0 isə
    sonda ``.metadata`` faylını yazır. Vəziyyətlər
    :func:`~torch.distributed.checkpoint.state_dict.get_state_dict`-dən
    götürülür, yəni DDP sarğısının ``module.`` prefiksi olmadan. Yadda
    saxlanılan lüğətin açarları ``"model"`` və ``"optimizer"``-dir.

    Funksiya tam checkpoint-in üstündən heç vaxt yazmır. DCP yeni shard-ları
    köhnələrin üstündən yazardı, rank 0 isə sonda yeni ``.metadata`` faylını
    yerinə qoyana qədər köhnəsi onların yanında qalardı: bu arada baş verən
    çökmə tam görünən, amma köhnə və yeni məlumatları qarışdıran qovluq
    qoyub gedərdi. Yarımçıq qalmış yadda saxlamanın qoyub getdiyi,
    ``.metadata`` faylı olmayan qovluğa isə funksiya yenidən yazır.

    :param model: Model, ``DistributedDataParallel`` ilə və ya onsuz.
    :param optimizer: Modelin optimallaşdırıcısı.
    :param directory: Checkpoint qovluğu; yoxdursa, yaradılır.
    :raises FileExistsError: ``directory`` qovluğunda artıq tam checkpoint
        varsa (``.metadata`` ilə); onun içindəki heç bir fayl dəyişmir.
    """
    raise NotImplementedError("save_distributed")


def load_distributed(
    model: nn.Module,
    optimizer: torch.optim.Optimizer,
    directory: str | os.PathLike[str],
) -> None:
    """
    [de]
    Stellt Modell und Optimierer aus einem verteilten Checkpoint (DCP) wieder her.

    Wird auf jedem Rang aufgerufen. Die Zahl der Prozesse darf eine andere
    sein als beim Speichern: DCP verteilt die Tensoren neu. Ohne
    Prozessgruppe lädt die Funktion den Checkpoint in einen einzigen Prozess. Die Werte
    kommen mit :func:`~torch.distributed.checkpoint.state_dict.set_state_dict`
    in Modell und Optimierer, auch Einstellungen wie die Lernrate.

    :param model: Das Modell, in das geladen wird, mit oder ohne DDP.
    :param optimizer: Der Optimierer des Modells.
    :param directory: Der Ordner eines vollständigen Checkpoints.

    [az]
    Modeli və optimallaşdırıcını paylanmış checkpoint-dən (DCP) bərpa edir.

    Hər rank-da çağırılır. Proseslərin sayı yadda saxlayarkən olduğundan
    fərqli ola bilər: DCP tensorları yenidən bölüşdürür. Proses qrupu
    yoxdursa, funksiya tək prosesdə yükləyir. Dəyərlər
    :func:`~torch.distributed.checkpoint.state_dict.set_state_dict` ilə
    modelə və optimallaşdırıcıya, öyrənmə sürəti kimi tənzimləmələr də daxil
    olmaqla, köçürülür.

    :param model: Yüklənən model, DDP ilə və ya onsuz.
    :param optimizer: Modelin optimallaşdırıcısı.
    :param directory: Tam checkpoint-in qovluğu.
    """
    raise NotImplementedError("load_distributed")


def latest_complete(root: str | os.PathLike[str]) -> Path | None:
    """
    [de]
    Findet den neuesten vollständigen Checkpoint unter ``root``.

    Checkpoints liegen in Unterordnern ``step-<n>`` (``n`` eine ganze Zahl);
    der neueste ist der mit dem größten ``n``, als Zahl verglichen. Ein
    Ordner ohne die Datei ``.metadata`` ist ein unvollständiges Speichern
    und wird übergangen. Andere Einträge in ``root`` zählen nicht, auch
    keine ähnlich benannten wie ``step-3.bak``.

    Auf ``.metadata`` als Zeichen „fertig“ ist nur Verlass, weil jeder
    Checkpoint einen neuen Ordner bekommt und :func:`save_distributed`
    keinen vollständigen überschreibt: In einem wiederverwendeten Ordner
    läge nach einem Absturz die alte ``.metadata`` neben neuen Shards.

    :param root: Der Ordner mit den Checkpoint-Ordnern.
    :returns: Der Pfad (ein :class:`~pathlib.Path`) des neuesten vollständigen
        Checkpoints, oder ``None``, wenn es keinen gibt oder ``root`` fehlt.

    [az]
    ``root`` altında ən yeni tam checkpoint-i tapır.

    Checkpoint-lər ``step-<n>`` alt qovluqlarındadır (``n`` tam ədəddir);
    ən yenisi ədəd kimi müqayisə edilən ``n`` ən böyük olanıdır. ``.metadata``
    faylı olmayan qovluq yarımçıq yadda saxlamadır və nəzərə alınmır.
    ``root`` içindəki başqa elementlər, ``step-3.bak`` kimi oxşar adlılar
    da, sayılmır.

    ``.metadata`` faylına «hazırdır» nişanı kimi yalnız ona görə etibar etmək
    olar ki, hər checkpoint yeni qovluq alır və :func:`save_distributed` tam
    checkpoint-in üstündən yazmır: təkrar istifadə olunan qovluqda çökmədən
    sonra köhnə ``.metadata`` yeni shard-ların yanında qalardı.

    :param root: Checkpoint qovluqlarının olduğu qovluq.
    :returns: Ən yeni tam checkpoint-in yolu (:class:`~pathlib.Path`), belə
        checkpoint yoxdursa və ya ``root`` mövcud deyilsə, ``None``.
    """
    raise NotImplementedError("latest_complete")


def consolidate(directory: str | os.PathLike[str], file: str | os.PathLike[str]) -> None:
    """
    [de]
    Fasst einen verteilten Checkpoint in einer einzigen ``torch.save``-Datei zusammen.

    Für Inferenz oder Weitergabe ohne ``torch.distributed``: Die Datei lässt
    sich mit ``torch.load(file, weights_only=True)`` laden und enthält das
    ganze gespeicherte Dictionary.

    :param directory: Der Ordner eines vollständigen DCP-Checkpoints.
    :param file: Die Datei, die geschrieben wird.
    :raises FileNotFoundError: Wenn ``directory`` kein vollständiger
        Checkpoint ist (die Datei ``.metadata`` fehlt); eine schon vorhandene
        Datei ``file`` bleibt dann unverändert.

    [az]
    Paylanmış checkpoint-i vahid ``torch.save`` faylında birləşdirir.

    ``torch.distributed`` olmadan inferens və ya paylaşmaq üçün: fayl
    ``torch.load(file, weights_only=True)`` ilə yüklənir və yadda saxlanılmış
    lüğətin hamısını saxlayır.

    :param directory: Tam DCP checkpoint-in qovluğu.
    :param file: Yazılan fayl.
    :raises FileNotFoundError: ``directory`` tam checkpoint deyilsə
        (``.metadata`` faylı yoxdursa); onda artıq mövcud olan ``file``
        faylı dəyişmir.
    """
    raise NotImplementedError("consolidate")
