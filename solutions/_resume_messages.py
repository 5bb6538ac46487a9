"""
[de]
Was die Musterlösung zu den Aufgaben 5–6 den Lernenden sagt, auf Deutsch und
auf Aserbaidschanisch.

[az]
Tapşırıqlar 5–6 üçün nümunə həllin öyrənənlərə dediyi mesajlar, almanca və
azərbaycanca.
"""

from __future__ import annotations

from course.i18n import chosen_languages, render

_MISSING = {
    "de": "Im gespeicherten Trainingszustand fehlt der Teil {part!r}, aber ein Objekt dafür "
    "wurde übergeben. Nichts wurde verändert. Erfasse den Zustand mit denselben Objekten, "
    "die du beim Wiederherstellen übergibst.",
    "az": "Yadda saxlanılmış təlim vəziyyətində {part!r} hissəsi yoxdur, amma onun üçün "
    "obyekt verilib. Heç nə dəyişmədi. Vəziyyəti bərpa edərkən verdiyiniz obyektlərlə "
    "toplayın.",
}


class MissingPart(ValueError):
    """
    [de]
    Fehler: Im Trainingszustand fehlt ein Teil, den das Wiederherstellen braucht.

    [az]
    Xəta: təlim vəziyyətində bərpa üçün lazım olan hissə yoxdur.
    """

    def __init__(self, part: str) -> None:
        self.part = part
        super().__init__(render(_MISSING, chosen_languages(), part=part))
