"""
[de]
Was die Musterlösung den Lernenden sagt, auf Deutsch und auf Aserbaidschanisch.

Getrennt von ``basics.py``, damit der Code der Lektion kurz und gut lesbar bleibt.

[az]
Nümunə həllin öyrənənlərə dediyi mesajlar, almanca və azərbaycanca.

``basics.py`` faylından ayrı saxlanılır ki, dərsin kodu qısa və asan oxunan qalsın.
"""

from __future__ import annotations

import pickle
from collections.abc import Mapping

from course.i18n import LANGUAGES, chosen_languages, render

_MESSAGES = {
    "missing": {
        "de": "Checkpoint-Datei {filename} nicht gefunden. Das Training beginnt von vorn.",
        "az": "Checkpoint faylı {filename} tapılmadı. Təlim əvvəldən başlayır.",
    },
    "unusable": {
        "de": "Checkpoint-Datei {filename} ist unbrauchbar ({reason}). "
        "Das Training beginnt von vorn; Modell und Optimierer bleiben unverändert.",
        "az": "Checkpoint faylı {filename} yararsızdır ({reason}). "
        "Təlim əvvəldən başlayır; model və optimallaşdırıcı dəyişmir.",
    },
    "empty": {"de": "die Datei ist leer", "az": "fayl boşdur"},
    "directory": {"de": "das ist ein Ordner, keine Datei", "az": "bu fayl deyil, qovluqdur"},
    "not_weights_only": {
        "de": "sie enthält mehr als Gewichte und einfache Werte",
        "az": "faylda çəkilərdən və sadə dəyərlərdən başqa şeylər də var",
    },
    "not_a_dict": {"de": "kein Dictionary, sondern {found}", "az": "lüğət deyil, {found}"},
    "keys_missing": {"de": "es fehlen die Schlüssel {keys}", "az": "{keys} açarları yoxdur"},
    "bad_epoch": {
        "de": "die Epoche ist keine ganze Zahl ≥ 0: {epoch}",
        "az": "epoxa 0-dan kiçik olmayan tam ədəd deyil: {epoch}",
    },
    "other_network": {
        "de": "die Gewichte gehören zu einem anderen Netz",
        "az": "çəkilər başqa şəbəkəyə aiddir",
    },
    "other_shape": {
        "de": "{key} hat im Checkpoint eine andere Form",
        "az": "checkpoint-də {key} başqa ölçüdədir",
    },
}

# [de] Fehler von torch.load, deren Grund wir in einfachen Worten nennen.
# [az] Səbəbini sadə sözlərlə izah etdiyimiz torch.load xətaları.
_KNOWN_FAILURES = (
    (EOFError, "empty"),
    (IsADirectoryError, "directory"),
    (pickle.UnpicklingError, "not_weights_only"),
)


class Unfit(ValueError):
    """
    [de]
    Ein Checkpoint, der sich laden lässt, aber nicht passt; der Grund in jeder Sprache.

    [az]
    Yüklənən, amma uyğun gəlməyən checkpoint; səbəbi hər dildə.
    """

    def __init__(self, key: str, /, **values: object) -> None:
        self.reason = {lang: _MESSAGES[key][lang].format(**values) for lang in LANGUAGES}
        super().__init__(self.reason["de"])


def reason_for(error: Exception) -> Mapping[str, str] | str:
    """
    [de]
    Warum das Laden scheiterte: bei bekannten Fehlern in der Sprache der Lesenden.

    [az]
    Yükləmənin niyə alınmadığı: məlum xətalarda oxucunun dilində.
    """
    if isinstance(error, Unfit):
        return error.reason
    for kind, key in _KNOWN_FAILURES:
        if isinstance(error, kind):
            return _MESSAGES[key]
    return str(error) or type(error).__name__


def say(key: str, **values: object) -> None:
    """
    [de]
    Gibt die Meldung ``key`` in der Sprache der Lernenden aus.

    [az]
    ``key`` mesajını öyrənənin dilində çap edir.
    """
    print(render(_MESSAGES[key], chosen_languages(), **values))
