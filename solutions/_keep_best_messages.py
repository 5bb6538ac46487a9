"""
[de]
Was die Musterlösung zu den Aufgaben 9–10 den Lernenden sagt, auf Deutsch und
auf Aserbaidschanisch.

[az]
Tapşırıqlar 9–10 üçün nümunə həllin öyrənənlərə dediyi mesajlar, almanca və
azərbaycanca.
"""

from __future__ import annotations

from collections.abc import Mapping

from course.i18n import chosen_languages, render

from ._messages import reason_for

_MESSAGES = {
    "skipped": {
        "de": "Checkpoint-Datei {path} ist beschädigt und wird übersprungen ({reason}).",
        "az": "Checkpoint faylı {path} zədələnib və buraxılır ({reason}).",
    },
    "not_counted": {
        "de": "Checkpoint-Datei {path} ist beschädigt ({reason}); sie zählt nicht als "
        "bester Checkpoint.",
        "az": "Checkpoint faylı {path} zədələnib ({reason}); o, ən yaxşı checkpoint "
        "sayılmır.",
    },
    "none_found": {
        "de": "Im Ordner {directory} gibt es keinen brauchbaren Checkpoint. "
        "Das Training beginnt von vorn.",
        "az": "Qovluqda yararlı checkpoint yoxdur: {directory}. Təlim əvvəldən başlayır.",
    },
    "truncated": {
        "de": "die Datei ist unvollständig, wohl beim Schreiben abgebrochen",
        "az": "fayl natamamdır, yəqin ki, yazılarkən kəsilib",
    },
    "bad_mode": {
        "de": "mode muss \"min\" oder \"max\" sein, nicht {mode!r}.",
        "az": "mode \"min\" və ya \"max\" olmalıdır, {mode!r} yox.",
    },
    "bad_keep_last": {
        "de": "keep_last muss eine ganze Zahl ≥ 1 sein, nicht {keep_last!r}.",
        "az": "keep_last 1-dən kiçik olmayan tam ədəd olmalıdır, {keep_last!r} yox.",
    },
}


def text(key: str, **values: object) -> str:
    return render(_MESSAGES[key], chosen_languages(), **values)


def say(key: str, **values: object) -> None:
    print(text(key, **values))


def reason(error: Exception) -> Mapping[str, str] | str:
    """
    [de]
    Warum eine Datei nicht lesbar war, in einfachen Worten, wo wir den Fehler kennen.

    [az]
    Faylın niyə oxunmadığı; tanıdığımız xətalar üçün sadə sözlərlə.
    """
    if isinstance(error, RuntimeError) and "central directory" in str(error):
        # [de] Der eigene Text von torch ist ein ganzer Absatz auf Englisch.
        # [az] torch-un öz mətni ingiliscə bütöv bir abzasdır.
        return _MESSAGES["truncated"]
    return reason_for(error)
