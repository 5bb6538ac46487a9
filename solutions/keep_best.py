"""
[de]
Musterlösung zu den Aufgaben 9–10: die letzten k Checkpoints und den besten
behalten, und nach einem Absturz beim neuesten vollständigen weitermachen.

[az]
Tapşırıqlar 9–10 üçün nümunə həll: son k checkpoint-i və ən yaxşısını
saxlamaq, çökmədən sonra isə ən yeni tam checkpoint-dən davam etmək.
"""

from __future__ import annotations

import math
import os
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import torch

from ._keep_best_messages import reason, say, text
from ._messages import Unfit
from .crash_safe import atomic_save


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
        if mode not in ("min", "max"):
            raise ValueError(text("bad_mode", mode=mode))
        if not isinstance(keep_last, int) or keep_last < 1:
            raise ValueError(text("bad_keep_last", keep_last=keep_last))
        self.directory = Path(directory)
        self.directory.mkdir(parents=True, exist_ok=True)
        self.keep_last, self.mode = keep_last, mode
        # [de] Die Epochen unserer Dateien, und der beste als (epoch, metric).
        # [az] Fayllarımızın epoxaları və ən yaxşısı, (epoch, metric) kimi.
        self._epochs: set[int] = set()
        self._best: tuple[int, float] | None = None
        # [de] Dort weitermachen, wo ein früherer Lauf aufgehört hat. Die Dateien
        # selbst sind die einzige Buchführung: Es gibt keinen Index, den ein
        # Absturz veralten lassen könnte. mmap=True liest das kleine "metric",
        # ohne die Tensoren zu lesen.
        # [az] Əvvəlki təlimin dayandığı yerdən davam edirik. Yeganə qeyd faylların
        # özüdür, ona görə çökmənin köhnəldə biləcəyi ayrıca indeks yoxdur.
        # mmap=True tensorları oxumadan kiçik "metric" dəyərini oxuyur.
        for epoch, path in sorted(own_checkpoints(self.directory).items()):
            self._epochs.add(epoch)
            try:
                metric = read_checkpoint(path, mmap=True)["metric"]
            except Exception as error:
                say("not_counted", path=path, reason=reason(error))
                continue
            self._consider(epoch, metric)

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
        # [de] Nimmt auch einen 0-d-Tensor an; gespeichert wird ein einfacher float.
        # [az] 0-d tensor da qəbul olunur; yadda saxlanılan isə sadə float olur.
        metric = float(metric)
        path = self.directory / checkpoint_name(epoch)
        atomic_save({"epoch": epoch, "metric": metric, "state": state}, path)
        # [de] Erst jetzt, da die neue Datei vollständig ist, dürfen alte weg: Ein
        # Absturz vor dem Ende von save hinterlässt eine Datei zu viel, nie eine
        # zu wenig.
        # [az] Köhnələri yalnız indi, yeni fayl tam yazıldıqdan sonra silmək olar:
        # save bitməzdən əvvəl baş verən çökmə bir artıq fayl qoyur, heç vaxt bir
        # əskik fayl yox.
        self._epochs.add(epoch)
        self._consider(epoch, metric)
        self._remove_old(newest=epoch)
        return path

    def _consider(self, epoch: int, metric: float) -> None:
        """
        [de]
        Macht ``epoch`` zum besten Checkpoint, wenn sein Wert echt besser ist.

        [az]
        Dəyəri həqiqətən daha yaxşıdırsa, ``epoch`` epoxasını ən yaxşı checkpoint edir.
        """
        # [de] NaN (ein aus dem Ruder gelaufenes Training) ist nie der beste Wert.
        # [az] NaN (nəzarətdən çıxmış təlim) heç vaxt ən yaxşı dəyər sayılmır.
        if math.isnan(metric):
            return
        if self._best is None:
            self._best = (epoch, metric)
            return
        best = self._best[1]
        # [de] Echt besser: Bei Gleichstand bleibt der frühere Checkpoint der beste.
        # [az] Həqiqətən daha yaxşı: bərabərlikdə əvvəlki checkpoint ən yaxşı qalır.
        if (metric < best) if self.mode == "min" else (metric > best):
            self._best = (epoch, metric)

    def _remove_old(self, newest: int) -> None:
        """
        [de]
        Löscht unsere Checkpoints, die weder zu den letzten k gehören noch der beste sind.

        [az]
        Son k checkpoint arasında olmayan və ən yaxşı olmayan öz checkpoint-lərimizi silir.
        """
        # [de] sorted() über ints: Epoche 10000 kommt nach 9999, anders als bei
        # ihren Namen.
        # [az] sorted() int-lər üzərində: adlarından fərqli olaraq, epoxa 10000
        # epoxa 9999-dan sonra gəlir.
        keep = set(sorted(self._epochs)[-self.keep_last:]) | {newest}
        if self._best is not None:
            keep.add(self._best[0])
        for epoch in sorted(self._epochs - keep):
            (self.directory / checkpoint_name(epoch)).unlink(missing_ok=True)
            self._epochs.discard(epoch)

    @property
    def best(self) -> Path | None:
        """
        [de]
        Der Pfad des besten Checkpoints, oder ``None``, solange es keinen gibt.

        [az]
        Ən yaxşı checkpoint-in yolu, hələ checkpoint yoxdursa ``None``.
        """
        if self._best is None:
            return None
        return self.directory / checkpoint_name(self._best[0])


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
    directory = Path(directory)
    found = own_checkpoints(directory) if directory.is_dir() else {}
    # [de] Die neueste zuerst, als Zahlen verglichen.
    # [az] Ən yenisi əvvəl, ədəd kimi müqayisə edilir.
    for epoch in sorted(found, reverse=True):
        try:
            checkpoint = read_checkpoint(found[epoch], map_location, mmap)
        except Exception as error:
            # [de] Beschädigt: melden, welche Datei, und die davor versuchen.
            # [az] Zədələnib: hansı fayl olduğunu bildiririk və əvvəlkini yoxlayırıq.
            say("skipped", path=found[epoch], reason=reason(error))
            continue
        return checkpoint["state"], checkpoint["epoch"]
    say("none_found", directory=directory)
    return None


def checkpoint_name(epoch: int) -> str:
    """
    [de]
    Der Dateiname des Checkpoints von ``epoch``: ``epoch-0007.pth``.

    [az]
    ``epoch`` epoxasının checkpoint faylının adı: ``epoch-0007.pth``.
    """
    return f"epoch-{epoch:04d}.pth"


def own_checkpoints(directory: Path) -> dict[int, Path]:
    """
    [de]
    Unsere Checkpoints in ``directory``, nach Epoche.

    Ein Name gehört uns nur, wenn er genau so lautet, wie :func:`checkpoint_name`
    ihn schreibt. So bleiben ``other-run-epoch-0001.pth``, ``epoch-0001.pth.bak``,
    ``epoch-7.pth`` und die temporären Dateien von ``atomic_save`` unberührt.

    [az]
    ``directory`` qovluğundakı öz checkpoint-lərimiz, epoxaya görə.

    Ad yalnız :func:`checkpoint_name` funksiyasının yazdığı ilə tam eynidirsə,
    bizimdir. Ona görə ``other-run-epoch-0001.pth``, ``epoch-0001.pth.bak``,
    ``epoch-7.pth`` və ``atomic_save``-in müvəqqəti fayllarına toxunulmur.
    """
    found = {}
    for path in directory.iterdir():
        number = path.name.removeprefix("epoch-").removesuffix(".pth")
        if not (number.isascii() and number.isdigit()):
            continue
        if path.name == checkpoint_name(int(number)) and path.is_file():
            found[int(number)] = path
    return found


def read_checkpoint(path: Path, map_location: str | torch.device = "cpu",
                    mmap: bool = False) -> Mapping[str, Any]:
    """
    [de]
    Lädt eine unserer Dateien, nur Gewichte; löst einen Fehler aus, wenn sie
    beschädigt ist oder nicht von uns stammt.

    [az]
    Fayllarımızdan birini yalnız çəkiləri yükləməklə oxuyur; fayl zədələnibsə
    və ya bizim deyilsə, xəta qaldırır.
    """
    checkpoint = torch.load(path, map_location=map_location, weights_only=True, mmap=mmap)
    if not isinstance(checkpoint, Mapping):
        raise Unfit("not_a_dict", found=type(checkpoint).__name__)
    missing = {"epoch", "metric", "state"} - checkpoint.keys()
    if missing:
        raise Unfit("keys_missing", keys=", ".join(sorted(missing)))
    return checkpoint
