"""Reference solution for tasks 7–8 (Musterlösung / nümunə həll)."""

from __future__ import annotations

import contextlib
import os
import tempfile
from typing import Any

import torch


def atomic_save(obj: Any, path: str | os.PathLike[str]) -> None:
    """
    [de]
    Speichert ``obj`` mit :func:`torch.save` so, dass ``path`` nie halb
    geschrieben ist.

    Schreibt zuerst in eine temporäre Datei im selben Ordner wie ``path``,
    leert die Puffer (``flush``), schreibt die Datei mit :func:`os.fsync` auf
    die Platte und ersetzt dann ``path`` mit :func:`os.replace` in einem
    Schritt. Zuletzt wird auch der Ordner mit ``fsync`` gesichert, damit der
    neue Name einen Stromausfall übersteht. Wer ``path`` liest, findet also
    immer entweder den alten oder den neuen Checkpoint, nie eine Mischung.

    Schlägt das Speichern fehl (ein Objekt, das sich nicht speichern lässt,
    eine volle Platte), bleibt der alte Checkpoint unverändert, die temporäre
    Datei wird gelöscht, und der Fehler wird weitergereicht.

    :param obj: Was gespeichert wird, zum Beispiel ein Checkpoint-Dictionary.
    :param path: Pfad der Checkpoint-Datei.

    [az]
    ``obj``-ni :func:`torch.save` ilə elə yadda saxlayır ki, ``path`` heç
    vaxt yarımçıq yazılmış olmasın.

    Əvvəlcə ``path`` ilə eyni qovluqda olan müvəqqəti fayla yazır, buferləri
    boşaldır (``flush``), faylı :func:`os.fsync` ilə diskə yazır və sonra
    ``path``-ı :func:`os.replace` ilə bir addımda əvəz edir. Sonda qovluq da
    ``fsync`` ilə diskə yazılır ki, yeni ad elektrik kəsilməsindən sonra da
    qalsın. Beləliklə, ``path``-ı oxuyan hər kəs ya köhnə, ya da yeni
    checkpoint-i tapır, heç vaxt ikisinin qarışığını yox.

    Yadda saxlama alınmasa (saxlanıla bilməyən obyekt, dolu disk), köhnə
    checkpoint olduğu kimi qalır, müvəqqəti fayl silinir, xəta isə çağırana
    ötürülür.

    :param obj: Yadda saxlanılan obyekt, məsələn, checkpoint lüğəti.
    :param path: Checkpoint faylının yolu.
    """
    path = os.path.abspath(path)
    directory, name = os.path.split(path)
    # [de] Derselbe Ordner: os.replace ist nur innerhalb eines Dateisystems
    # atomar. Der Name beginnt mit dem des Ziels, damit das Aufräumen ihn findet.
    # [az] Eyni qovluq: os.replace yalnız bir fayl sistemi daxilində atomardır.
    # Ad hədəfin adı ilə başlayır ki, təmizləmə onu sonra tapa bilsin.
    fd, temporary = tempfile.mkstemp(prefix=f".{name}.", suffix=TEMP_SUFFIX, dir=directory)
    try:
        with open(fd, "wb") as file:
            torch.save(obj, file)
            file.flush()  # [de] Pythons Puffer -> Betriebssystem [az] Python-un buferi -> əməliyyat sistemi
            os.fsync(file.fileno())  # [de] Cache -> Platte [az] keş -> disk
        os.replace(temporary, path)
    except BaseException:
        # [de] Auch bei Strg+C: Die alte Datei bleibt unberührt, die halb
        # geschriebene temporäre Datei verschwindet, der Aufrufer erfährt es.
        # [az] Ctrl+C zamanı da: köhnə fayla toxunulmur, yarımçıq yazılmış
        # müvəqqəti fayl silinir, çağıran isə nə baş verdiyini öyrənir.
        with contextlib.suppress(FileNotFoundError):
            os.remove(temporary)
        raise
    _fsync_directory(directory)


def _fsync_directory(directory: str) -> None:
    """
    [de]
    Sichert ein Umbenennen in ``directory``: Der Name steht im Ordner.

    [az]
    ``directory`` qovluğundakı ad dəyişməni diskə yazır: ad qovluqda saxlanılır.
    """
    fd = os.open(directory, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def remove_stale_temp_files(path: str | os.PathLike[str]) -> list[str]:
    """
    [de]
    Löscht die temporären Dateien, die abgebrochene Aufrufe von
    :func:`atomic_save` für ``path`` zurückgelassen haben.

    Ein Absturz mitten in :func:`atomic_save` (``SIGKILL``, Stromausfall)
    lässt den alten Checkpoint heil, aber seine halb oder ganz geschriebene
    temporäre Datei bleibt liegen; nach vielen Abstürzen füllt sie die
    Platte. Rufe die Funktion beim Start des Trainings auf, bevor wieder
    gespeichert wird. Sie löscht nur die temporären Dateien von ``path``:
    ``path`` selbst, andere Checkpoints und deren temporäre Dateien und alle
    anderen Dateien im Ordner bleiben unberührt.

    :param path: Pfad der Checkpoint-Datei, wie er :func:`atomic_save`
        übergeben wird. Die Datei selbst muss nicht existieren.
    :returns: Die Pfade der gelöschten Dateien, sortiert; eine leere Liste,
        wenn nichts übrig war.

    [az]
    :func:`atomic_save` funksiyasının yarımçıq qalmış çağırışlarının ``path``
    üçün qoyub getdiyi müvəqqəti faylları silir.

    :func:`atomic_save` işləyərkən baş verən çökmə (``SIGKILL``, elektrik
    kəsilməsi) köhnə checkpoint-ə toxunmur, amma yarımçıq və ya tam yazılmış
    müvəqqəti fayl qovluqda qalır; çoxlu çökmədən sonra belə fayllar diski
    doldurur. Funksiyanı təlimin əvvəlində, yenidən yadda saxlamazdan öncə
    çağırın. O, yalnız ``path``-ın müvəqqəti fayllarını silir: ``path``-ın
    özü, başqa checkpoint-lər, onların müvəqqəti faylları və qovluqdakı digər
    fayllar toxunulmaz qalır.

    :param path: :func:`atomic_save`-ə verilən checkpoint faylının yolu.
        Faylın özünün mövcud olması vacib deyil.
    :returns: Silinmiş faylların yolları, sıralanmış şəkildə; heç nə
        qalmayıbsa, boş siyahı.
    """
    path = os.path.abspath(path)
    directory, name = os.path.split(path)
    removed = []
    prefix = f".{name}."
    for entry in os.scandir(directory):
        # [de] Genau die Namen von atomic_save, ".latest.pth.<zufall>.tmp". Der
        # zufällige Teil hat keinen Punkt: ".latest.pth.old.<zufall>.tmp" eines
        # anderen Checkpoints bleibt stehen, wie alle anderen Dateien.
        # [az] Məhz atomic_save-in verdiyi adlar, ".latest.pth.<təsadüfi>.tmp".
        # Təsadüfi hissədə nöqtə yoxdur: başqa checkpoint-in
        # ".latest.pth.old.<təsadüfi>.tmp" faylı, digər fayllar kimi, qalır.
        middle = entry.name[len(prefix):-len(TEMP_SUFFIX)]
        if (entry.name.startswith(prefix) and entry.name.endswith(TEMP_SUFFIX)
                and middle and "." not in middle and entry.is_file(follow_symlinks=False)):
            with contextlib.suppress(FileNotFoundError):  # [de] schon weg [az] artıq yoxdur
                os.remove(entry.path)
                removed.append(entry.path)
    return sorted(removed)


# [de] Die temporäre Datei von "latest.pth" heißt ".latest.pth.<zufall>.tmp":
# versteckt, nach ihrem Checkpoint benannt, bei jedem Speichern eine andere.
# [az] "latest.pth" faylının müvəqqəti faylı ".latest.pth.<təsadüfi>.tmp"
# adlanır: gizlidir, öz checkpoint-inin adını daşıyır, hər dəfə fərqlidir.
TEMP_SUFFIX = ".tmp"
