"""Reference solution for tasks 7–8 (Musterlösung / nümunə həll)."""

from __future__ import annotations

import contextlib
import os
import re
import uuid
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
    neue Name einen Stromausfall übersteht (nicht unter Windows, das einen
    Ordner nicht öffnen kann). Wer ``path`` liest, findet also immer entweder
    den alten oder den neuen Checkpoint, nie eine Mischung.

    Die neue Datei bekommt die Zugriffsrechte, die ``torch.save(obj, path)``
    einer neu angelegten Datei gäbe: ``0o666`` ohne die Bits der ``umask``
    (meist ``0o644``), nicht die ``0o600`` von :func:`tempfile.mkstemp`.

    Schlägt das Speichern fehl oder wird es abgebrochen (ein Objekt, das sich
    nicht speichern lässt, eine volle Platte, Strg+C), bleibt der alte
    Checkpoint unverändert, die temporäre Datei wird gelöscht, und der Fehler
    wird weitergereicht.

    :param obj: Was gespeichert wird, zum Beispiel ein Checkpoint-Dictionary.
    :param path: Pfad der Checkpoint-Datei, auch relativ (``"latest.pth"``).

    [az]
    ``obj`` obyektini :func:`torch.save` ilə elə yadda saxlayır ki, ``path`` heç
    vaxt yarımçıq yazılmış olmasın.

    Əvvəlcə ``path`` ilə eyni qovluqda olan müvəqqəti fayla yazır, buferləri
    boşaldır (``flush``), faylı :func:`os.fsync` ilə diskə yazır və sonra
    ``path``-ı :func:`os.replace` ilə bir addımda əvəz edir. Sonda qovluq da
    ``fsync`` ilə diskə yazılır ki, yeni ad elektrik kəsilməsindən sonra da
    qalsın (qovluğu aça bilməyən Windows-da bu addım yoxdur). Beləliklə,
    ``path``-ı oxuyan hər kəs ya köhnə, ya da yeni checkpoint-i tapır, heç
    vaxt ikisinin qarışığını yox.

    Yeni fayl ``torch.save(obj, path)``-ın yeni yaradılan fayla verəcəyi
    giriş hüquqlarını alır: ``umask`` bitləri çıxılmaqla ``0o666`` (adətən
    ``0o644``), :func:`tempfile.mkstemp`-in verdiyi ``0o600`` yox.

    Yadda saxlama alınmasa və ya yarıda kəsilsə (saxlanıla bilməyən obyekt,
    dolu disk, Ctrl+C), köhnə checkpoint olduğu kimi qalır, müvəqqəti fayl
    silinir, xəta isə çağırana ötürülür.

    :param obj: Yadda saxlanılan obyekt, məsələn, checkpoint lüğəti.
    :param path: Checkpoint faylının yolu, nisbi də ola bilər (``"latest.pth"``).
    """
    path = os.path.abspath(path)
    directory, name = os.path.split(path)
    # [de] Derselbe Ordner: os.replace benennt nur innerhalb eines Dateisystems
    # um (sonst OSError EXDEV). Der Name beginnt mit dem des Ziels, damit das
    # Aufräumen ihn findet; der zufällige Teil macht jeden Aufruf eindeutig, und
    # "xb" legt die Datei neu an (nie eine fremde überschreiben), mit den Rechten,
    # die auch torch.save ihr gäbe.
    # [az] Eyni qovluq: os.replace adı yalnız bir fayl sistemi daxilində dəyişir
    # (əks halda OSError EXDEV). Ad hədəfin adı ilə başlayır ki, təmizləmə onu
    # sonra tapa bilsin; təsadüfi hissə hər çağırışı unikal edir, "xb" isə yeni
    # fayl yaradır (heç vaxt başqasının faylının üzərinə yazmır), özü də
    # torch.save-in verəcəyi hüquqlarla.
    temporary = os.path.join(directory, f".{name}.{uuid.uuid4().hex}{TEMP_SUFFIX}")
    try:
        with open(temporary, "xb") as file:
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
    Windows kann einen Ordner nicht öffnen (es kennt kein ``os.O_DIRECTORY``);
    dort entfällt dieser Schritt.

    [az]
    ``directory`` qovluğundakı ad dəyişməni diskə yazır: ad qovluqda saxlanılır.
    Windows qovluğu aça bilmir (orada ``os.O_DIRECTORY`` yoxdur); orada bu
    addım buraxılır.
    """
    if not hasattr(os, "O_DIRECTORY"):
        return
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
    ``path`` selbst, andere Checkpoints und deren temporäre Dateien (auch
    solche, deren Name mit dem von ``path`` beginnt, wie ``latest.pth.old``)
    und alle anderen Dateien im Ordner bleiben unberührt.

    :param path: Pfad der Checkpoint-Datei, wie er :func:`atomic_save`
        übergeben wird, auch relativ. Ordner und Name dürfen Zeichen wie
        ``[`` und ``]`` enthalten. Die Datei selbst muss nicht existieren.
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
    özü, başqa checkpoint-lər və onların müvəqqəti faylları (adı ``path``-ın
    adı ilə başlayanlar da, məsələn, ``latest.pth.old``), həmçinin
    qovluqdakı digər fayllar toxunulmaz qalır.

    :param path: :func:`atomic_save`-ə verilən checkpoint faylının yolu,
        nisbi də ola bilər. Qovluğun və faylın adında ``[`` və ``]`` kimi
        simvollar ola bilər. Faylın özünün mövcud olması vacib deyil.
    :returns: Silinmiş faylların yolları, sıralanmış şəkildə; heç nə
        qalmayıbsa, boş siyahı.
    """
    path = os.path.abspath(path)
    directory, name = os.path.split(path)
    removed = []
    pattern = re.compile(re.escape(f".{name}.") + "[0-9a-f]+" + re.escape(TEMP_SUFFIX))
    for entry in os.scandir(directory):
        # [de] Genau die Namen von atomic_save, ".latest.pth.<zufall>.tmp", der
        # zufällige Teil aus Hexziffern. re.escape macht aus "[" und "." im Namen
        # gewöhnliche Zeichen. ".latest.pth.old.<zufall>.tmp" eines anderen
        # Checkpoints bleibt stehen, wie alle anderen Dateien.
        # [az] Məhz atomic_save-in verdiyi adlar, ".latest.pth.<təsadüfi>.tmp",
        # təsadüfi hissə onaltılıq rəqəmlərdən ibarətdir. re.escape addakı "[" və
        # "." simvollarını adi simvola çevirir. Başqa checkpoint-in
        # ".latest.pth.old.<təsadüfi>.tmp" faylı, digər fayllar kimi, qalır.
        if pattern.fullmatch(entry.name) and entry.is_file():
            with contextlib.suppress(FileNotFoundError):  # [de] schon weg [az] artıq yoxdur
                os.remove(entry.path)
                removed.append(entry.path)
    return sorted(removed)


# [de] Die temporäre Datei von "latest.pth" heißt ".latest.pth.<zufall>.tmp":
# versteckt, nach ihrem Checkpoint benannt, bei jedem Speichern eine andere.
# [az] "latest.pth" faylının müvəqqəti faylı ".latest.pth.<təsadüfi>.tmp"
# adlanır: gizlidir, öz checkpoint-inin adını daşıyır, hər dəfə fərqlidir.
TEMP_SUFFIX = ".tmp"
