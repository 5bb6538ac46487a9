"""
[de]
Aufgaben 11–12: Checkpoints überall sicher laden. Ersetze jedes
``raise NotImplementedError`` durch deine Lösung und prüfe sie mit
``pytest exercises --lesson safe_loading``.

[az]
Tapşırıqlar 11–12: checkpoint-ləri hər yerdə təhlükəsiz yükləmək. Hər
``raise NotImplementedError`` sətrini öz həllinizlə əvəz edin və onu
``pytest exercises --lesson safe_loading`` ilə yoxlayın.
"""

from __future__ import annotations

import os
from collections.abc import Iterable

import torch


def load_safely(
    path: str | os.PathLike[str],
    *,
    allow: Iterable[type] = (),
    map_location: str | torch.device = "cpu",
) -> object:
    """
    [de]
    Lädt eine Checkpoint-Datei, ohne je Code aus ihr auszuführen.

    Lädt nur Gewichte (``weights_only=True``): Tensoren, einfache
    Python-Werte und dazu genau die Klassen aus ``allow``, etwa eine kleine
    Konfigurations-Dataclass oder ein Enum. Diese Erlaubnis gilt nur während
    dieses einen Aufrufs; danach lädt ``torch.load`` wieder so streng wie
    vorher. Alle Tensoren kommen nach ``map_location``, in der Voreinstellung
    auf die CPU, so dass sich auch ein Checkpoint von einer GPU auf einem
    Rechner ohne GPU laden lässt.

    Braucht die Datei mehr, als erlaubt ist, löst die Funktion
    ``pickle.UnpicklingError`` aus, auch bei einer Datei, die torch gar nicht
    nur mit Gewichten laden kann (ein TorchScript-Archiv, eine Datei im alten
    tar-Format). Die Meldung nennt jede Klasse oder Funktion, die die Datei
    beim Namen anfordert und die nicht erlaubt ist, mit vollem Namen
    (``modul.Name``), nicht nur die erste. Ein zweiter Versuch mit
    ``weights_only=False`` kommt nie vor.

    :param path: Pfad der Checkpoint-Datei.
    :param allow: Klassen, die die Datei außerdem enthalten darf.
    :param map_location: Wohin die Tensoren geladen werden, z. B. ``"cpu"``.
    :returns: Der Inhalt der Datei.

    [az]
    Checkpoint faylını ondakı heç bir kodu icra etmədən yükləyir.

    Yalnız çəkiləri yükləyir (``weights_only=True``): tensorları, sadə
    Python dəyərlərini və əlavə olaraq yalnız ``allow`` siyahısındakı
    sinifləri, məsələn, kiçik bir konfiqurasiya dataclass-ını və ya enum-u.
    Bu icazə yalnız bu bir çağırış üçün qüvvədədir; ondan sonra
    ``torch.load`` yenə əvvəlki kimi sərt yükləyir. Bütün tensorlar
    ``map_location``-a, standart olaraq CPU-ya yüklənir ki, GPU-da yadda
    saxlanılmış checkpoint GPU-suz kompüterdə də yüklənsin.

    Fayla icazə veriləndən artıq şey lazımdırsa, funksiya
    ``pickle.UnpicklingError`` qaldırır; torch-un ümumiyyətlə yalnız
    çəkilərlə yükləyə bilmədiyi faylda da (TorchScript arxivi, köhnə tar
    formatında fayl). Mesaj faylda adı çəkilən, amma icazə verilməyən bütün
    sinif və funksiyaları, yalnız birincisini yox, tam adları ilə
    (``modul.Ad``) göstərir. ``weights_only=False`` ilə ikinci cəhd heç vaxt
    edilmir.

    :param path: Checkpoint faylının yolu.
    :param allow: Faylda əlavə olaraq ola bilən siniflər.
    :param map_location: Tensorların hara yükləndiyi, məsələn, ``"cpu"``.
    :returns: Faylın məzmunu.
    """
    raise NotImplementedError("load_safely")


def inspect_checkpoint(path: str | os.PathLike[str]) -> list[str]:
    """
    [de]
    Nennt, welche Klassen und Funktionen eine Checkpoint-Datei außer Gewichten
    anfordert, ohne sie zu laden.

    Liest den Pickle-Teil einer mit ``torch.save`` geschriebenen Datei nur als
    Folge von Befehlen, wie ``torch.serialization.get_unsafe_globals_in_checkpoint``:
    nichts daraus wird importiert oder aufgerufen. So siehst du vor dem Laden,
    was die Datei verlangt, und erkennst eine verdächtige Datei. Eine Klasse,
    die erst beim Laden entsteht und nicht beim Namen in der Datei steht (etwa
    ``numpy.dtypes.UInt32DType`` in einem NumPy-Zufallszustand), fehlt in der
    Liste; sie zeigt sich erst, wenn ``torch.load`` sie ablehnt.

    Ist die Datei keine ``torch.save``-Datei oder lässt sie sich so nicht
    lesen, etwa weil sie abgeschnitten ist, löst die Funktion ``ValueError``
    aus: Eine Datei, in die man nicht hineinsehen kann, gilt nie als
    unbedenklich.

    :param path: Pfad der Checkpoint-Datei.
    :returns: Die vollen Namen (``modul.Name``) aller Klassen und Funktionen,
        die die Datei beim Namen anfordert und die
        ``torch.load(..., weights_only=True)`` nicht erlaubt, sortiert; eine
        leere Liste bei einer reinen Gewichtsdatei.

    [az]
    Checkpoint faylının çəkilərdən başqa hansı sinif və funksiyaları tələb
    etdiyini onu yükləmədən göstərir.

    ``torch.save`` ilə yazılmış faylın pickle hissəsini
    ``torch.serialization.get_unsafe_globals_in_checkpoint`` kimi yalnız
    əmrlər ardıcıllığı kimi oxuyur: oradan heç nə import edilmir və
    çağırılmır. Beləliklə, yükləməzdən əvvəl faylın nə istədiyini
    görürsünüz və şübhəli faylı tanıyırsınız. Yalnız yükləmə zamanı yaranan
    və faylda adı ilə yazılmayan sinif (məsələn, NumPy təsadüfi ədədlər
    generatorunun vəziyyətindəki ``numpy.dtypes.UInt32DType``) siyahıda
    olmur; o, yalnız ``torch.load`` onu rədd edəndə görünür.

    Fayl ``torch.save`` faylı deyilsə və ya bu yolla oxunmursa (məsələn,
    kəsilmişdirsə), funksiya ``ValueError`` qaldırır: içinə baxıla bilməyən
    fayl heç vaxt zərərsiz sayılmır.

    :param path: Checkpoint faylının yolu.
    :returns: Faylda adı çəkilən və ``torch.load(..., weights_only=True)``-un
        icazə vermədiyi bütün sinif və funksiyaların tam adları (``modul.Ad``), sıralanmış; yalnız
        çəkilərdən ibarət fayl üçün boş siyahı.
    """
    raise NotImplementedError("inspect_checkpoint")
