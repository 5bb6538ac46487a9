"""
[de]
Aufgaben 9–10: die letzten k Checkpoints und den besten behalten, und nach
einem Absturz beim neuesten vollständigen Checkpoint weitermachen.

Ersetze jedes ``raise NotImplementedError`` durch deine Implementierung und
prüfe sie mit ``pytest exercises --lesson keep_best``.

[az]
Tapşırıqlar 9–10: son k checkpoint-i və ən yaxşısını saxlamaq, çökmədən
sonra isə ən yeni tam checkpoint-dən davam etmək.

Hər ``raise NotImplementedError`` sətrini öz kodunuzla əvəz edin və
``pytest exercises --lesson keep_best`` ilə yoxlayın.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import torch

# [de] atomic_save aus deiner Lösung der vorigen Lektion.
# [az] Əvvəlki dərsdəki həllinizdən atomic_save.
from .crash_safe import atomic_save  # noqa: F401


class CheckpointManager:
    """
    [de]
    Schreibt einen Checkpoint je Epoche und behält davon nur die letzten
    ``keep_last`` und den besten.

    Jeder Checkpoint ist eine Datei ``epoch-{epoch:04d}.pth`` in
    ``directory``, zum Beispiel ``epoch-0007.pth``; ab Epoche 10000 wird die
    Zahl einfach länger (``epoch-12345.pth``). Die Datei hält ein Dictionary
    ``{"epoch": epoch, "metric": metric, "state": state}`` und lässt sich mit
    ``torch.load(..., weights_only=True)`` laden. Andere Dateien im Ordner
    gehören nicht zum Manager: Er liest, ändert und löscht sie nie.

    Der beste Checkpoint ist der mit dem kleinsten (``mode="min"``, etwa ein
    Loss) oder größten (``mode="max"``, etwa eine Genauigkeit) Wert von
    ``metric``. Nur ein echt besserer Wert löst den bisher besten ab; bei
    Gleichstand bleibt der frühere der beste. Ein Wert ``nan`` wird nie der
    beste.

    Wird ein Manager über einem Ordner angelegt, in dem schon Checkpoints
    liegen, macht er dort weiter: Er kennt ihre Epochen und findet den
    besten wieder, auch nach einem Absturz. Eine eigene Datei, die sich nicht
    lesen lässt, zählt dabei nicht als beste; die anderen liest er trotzdem.

    :param directory: Der Ordner der Checkpoints; fehlt er, wird er angelegt.
    :param keep_last: Wie viele der neuesten Checkpoints bleiben (mindestens 1).
    :param mode: ``"min"`` oder ``"max"``: ob ein kleinerer oder ein größerer
        Wert besser ist.
    :raises ValueError: Wenn ``mode`` weder ``"min"`` noch ``"max"`` ist oder
        ``keep_last`` kleiner als 1.

    [az]
    Hər epoxa üçün bir checkpoint yazır və onlardan yalnız son
    ``keep_last`` checkpoint-i və ən yaxşısını saxlayır.

    Hər checkpoint ``directory`` qovluğunda ``epoch-{epoch:04d}.pth``
    faylıdır, məsələn, ``epoch-0007.pth``; epoxa 10000-dən başlayaraq ədəd
    sadəcə uzanır (``epoch-12345.pth``). Faylda
    ``{"epoch": epoch, "metric": metric, "state": state}`` lüğəti olur və o,
    ``torch.load(..., weights_only=True)`` ilə yüklənir. Qovluqdakı başqa
    fayllar menecerə aid deyil: o, həmin faylları heç vaxt oxumur, dəyişmir
    və silmir.

    Ən yaxşı checkpoint ``metric`` dəyəri ən kiçik (``mode="min"``, məsələn,
    loss) və ya ən böyük (``mode="max"``, məsələn, dəqiqlik) olandır. Yalnız
    həqiqətən daha yaxşı dəyər əvvəlki ən yaxşı checkpoint-i əvəz edir; dəyərlər
    bərabər olduqda əvvəlki checkpoint ən yaxşı olaraq qalır. ``nan`` dəyəri
    heç vaxt ən yaxşı olmur.

    Menecer artıq checkpoint-ləri olan qovluqda yaradılırsa, işi orada
    qaldığı yerdən davam etdirir: onların epoxalarını bilir və ən yaxşısını
    yenidən tapır, çökmədən sonra da. Oxunmayan öz faylı ən yaxşı
    sayılmır, o biri faylları isə yenə oxuyur.

    :param directory: Checkpoint-lərin qovluğu; yoxdursa, yaradılır.
    :param keep_last: Ən yeni checkpoint-lərdən neçəsi qalır (ən azı 1).
    :param mode: ``"min"`` və ya ``"max"``: kiçik, yoxsa böyük dəyərin daha
        yaxşı olduğu.
    :raises ValueError: ``mode`` nə ``"min"``, nə də ``"max"`` olduqda, yaxud
        ``keep_last`` 1-dən kiçik olduqda.
    """

    def __init__(self, directory: str | os.PathLike[str], keep_last: int = 3,
                 mode: str = "min") -> None:
        raise NotImplementedError("CheckpointManager")

    def save(self, state: Mapping[str, Any], epoch: int, metric: float) -> Path:
        """
        [de]
        Speichert ``state`` als Checkpoint der Epoche ``epoch`` und räumt
        danach auf.

        Schreibt die Datei mit ``atomic_save``. Erst wenn sie vollständig
        ist, löscht der Manager die eigenen Checkpoints, die weder zu den
        letzten ``keep_last`` gehören noch der beste sind.

        :param state: Was gespeichert wird, etwa ``model_state_dict`` und
            ``optimizer_state_dict``; nur Tensoren und einfache Werte.
        :param epoch: Die Epoche, die gerade fertig geworden ist.
        :param metric: Der überwachte Wert dieser Epoche, etwa der
            Validierungs-Loss.
        :returns: Der Pfad der neuen Datei.

        [az]
        ``state`` məlumatını ``epoch`` epoxasının checkpoint-i kimi yadda
        saxlayır və sonra artıq faylları təmizləyir.

        Faylı ``atomic_save`` ilə yazır. Yalnız fayl tam yazıldıqdan sonra
        menecer öz checkpoint-lərindən son ``keep_last`` sırasına daxil
        olmayanları silir; ən yaxşı checkpoint isə həmişə qalır.

        :param state: Yadda saxlanılan məlumat, məsələn, ``model_state_dict``
            və ``optimizer_state_dict``; yalnız tensorlar və sadə dəyərlər.
        :param epoch: İndicə başa çatmış epoxa.
        :param metric: Bu epoxanın izlənilən dəyəri, məsələn, validasiya
            loss-u.
        :returns: Yeni faylın yolu.
        """
        raise NotImplementedError("CheckpointManager.save")

    @property
    def best(self) -> Path | None:
        """
        [de]
        Der Pfad des besten Checkpoints, oder ``None``, solange es keinen gibt.

        [az]
        Ən yaxşı checkpoint-in yolu, hələ checkpoint yoxdursa ``None``.
        """
        raise NotImplementedError("CheckpointManager.best")


def load_latest(directory: str | os.PathLike[str], map_location: str | torch.device = "cpu",
                mmap: bool = False) -> tuple[Any, int] | None:
    """
    [de]
    Lädt den neuesten vollständigen Checkpoint, den ein
    :class:`CheckpointManager` in ``directory`` geschrieben hat.

    Neu heißt: die größte Epoche, als Zahl verglichen. Lädt nur Gewichte
    (``weights_only=True``) und auch auf einem Rechner ohne GPU. Ist eine
    Datei beschädigt oder fehlt ihr ``"epoch"`` oder ``"state"``, gibt die
    Funktion eine Meldung mit ihrem Namen aus und versucht die nächstältere.
    Andere Dateien im Ordner beachtet sie nicht.

    :param directory: Der Ordner der Checkpoints.
    :param map_location: Wohin die Tensoren geladen werden; ``"cpu"`` lädt
        auch eine auf der GPU gespeicherte Datei.
    :param mmap: ``True`` liest die Tensoren erst, wenn sie gebraucht werden
        (für große Checkpoints), statt die ganze Datei auf einmal.
    :returns: ``(state, epoch)`` des neuesten brauchbaren Checkpoints, oder
        ``None``, wenn es keinen gibt (dann beginnt das Training von vorn).

    [az]
    :class:`CheckpointManager`-in ``directory`` qovluğunda yazdığı ən yeni
    tam checkpoint-i yükləyir.

    Ən yeni olan ən böyük epoxadır, ədəd kimi müqayisə olunur. Yalnız
    çəkiləri yükləyir (``weights_only=True``), GPU-suz kompüterdə də. Fayl
    zədələnibsə və ya onda ``"epoch"``, yaxud ``"state"`` yoxdursa, funksiya
    onun adını göstərən mesaj çap edir və bir əvvəlki faylı yoxlayır.
    Qovluqdakı başqa fayllara baxmır.

    :param directory: Checkpoint-lərin qovluğu.
    :param map_location: Tensorların hara yüklənəcəyi; ``"cpu"`` GPU-da
        yadda saxlanılmış faylı da yükləyir.
    :param mmap: ``True`` olduqda tensorlar bütün fayl birdən yox, lazım
        olanda oxunur (böyük checkpoint-lər üçün).
    :returns: Ən yeni yararlı checkpoint-in ``(state, epoch)`` cütü, yaxud
        belə checkpoint yoxdursa ``None`` (onda təlim əvvəldən başlayır).
    """
    raise NotImplementedError("load_latest")
