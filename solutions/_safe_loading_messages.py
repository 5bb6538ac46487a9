"""
[de]
Was ``safe_loading.py`` den Lernenden sagt, auf Deutsch und auf Aserbaidschanisch.

[az]
``safe_loading.py`` faylının öyrənənlərə dediyi mesajlar, almanca və azərbaycanca.
"""

from __future__ import annotations

import os
import re

from course.i18n import chosen_languages, render

_MESSAGES = {
    "refused": {
        "de": "{path} wurde nicht geladen: Die Datei verlangt außer Tensoren und einfachen "
        "Werten {names}, und allow erlaubt das nicht. Erlaube eine Klasse "
        "nur, wenn du ihr vertraust (allow=[...]); eine alte Datei aus sicherer Quelle "
        "wandelst du einmal in einer Sandbox in eine reine Gewichtsdatei um. "
        "weights_only=False ist keine Lösung: Dann läuft der Code aus der Datei.",
        "az": "{path} yüklənmədi: fayl tensorlardan və sadə dəyərlərdən başqa bunları da "
        "tələb edir: {names}; allow isə onlara icazə vermir. Sinfə yalnız ona etibar etdikdə icazə "
        "verin (allow=[...]); etibarlı mənbədən gələn köhnə faylı isə bir dəfə sandbox-da "
        "yalnız çəkilərdən ibarət fayla çevirin. weights_only=False həll deyil: onda "
        "fayldakı kod icra olunur.",
    },
    "unreadable": {
        "de": "{path} wurde nicht geladen: Die Datei lässt sich nicht als reine "
        "Gewichtsdatei lesen ({reason}). Lade sie nicht mit weights_only=False.",
        "az": "{path} yüklənmədi: fayl yalnız çəkilərdən ibarət fayl kimi oxunmur "
        "({reason}). Onu weights_only=False ilə yükləməyin.",
    },
    "cannot_inspect": {
        "de": "In {path} lässt sich nicht hineinsehen, ohne die Datei auszuführen ({reason}). "
        "Behandle sie als unsicher.",
        "az": "{path} faylının içinə onu icra etmədən baxmaq mümkün deyil ({reason}). "
        "Onu təhlükəsiz saymayın.",
    },
}


def refused(path: str | os.PathLike[str], names: list[str], error: Exception) -> str:
    """
    [de]
    Warum ``load_safely`` die Datei ``path`` abgelehnt hat: die Namen, die sie
    braucht, sonst der Grund von torch.

    [az]
    ``load_safely`` funksiyasının ``path`` faylını niyə rədd etdiyi: faylın
    ehtiyac duyduğu adlar, onlar yoxdursa, torch-un göstərdiyi səbəb.
    """
    if names:
        return _say("refused", path=os.fspath(path), names=", ".join(names))
    return _say("unreadable", path=os.fspath(path), reason=_core(error))


def cannot_inspect(path: str | os.PathLike[str], error: Exception) -> str:
    return _say("cannot_inspect", path=os.fspath(path), reason=_core(error))


def _say(key: str, **values: object) -> str:
    return render(_MESSAGES[key], chosen_languages(), **values)


def _core(error: Exception) -> str:
    """
    [de]
    Die eine Zeile eines torch-Fehlers, die sagt, was schiefging.

    Die Ablehnung von torch bei ``weights_only=True`` ist eine ganze Seite
    Ratschläge; die Zeile nach ``WeightsUnpickler error:`` nennt den Grund.

    [az]
    torch xətasının nəyin səhv getdiyini deyən tək sətri.

    torch-un ``weights_only=True`` ilə rədd cavabı bütöv bir səhifə
    məsləhətdir; ``WeightsUnpickler error:`` sözlərindən sonrakı sətir isə
    səbəbi deyir.
    """
    text = re.sub(r"\x1b\[[0-9;]*m", "", str(error))
    found = re.search(r"WeightsUnpickler error:\s*(.+)", text)
    if found:
        line = found.group(1)
    else:
        # [de] Sonst der erste Satz: Bei einem TorchScript-Archiv oder dem alten
        # tar-Format folgt auf ihn derselbe Absatz über PyTorch 2.6.
        # [az] Əks halda birinci cümlə: TorchScript arxivində və köhnə tar
        # formatında ondan sonra PyTorch 2.6 haqqında eyni abzas gəlir.
        line = re.split(r"(?<=\.)\s", (text.strip().splitlines() or [""])[0], maxsplit=1)[0]
    return line.strip().rstrip(".") or type(error).__name__
