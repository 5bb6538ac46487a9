"""
[de]
Musterlösung zu den Aufgaben 11–12: Checkpoints überall sicher laden.

[az]
Tapşırıqlar 11–12 üçün nümunə həll: checkpoint-ləri hər yerdə təhlükəsiz
yükləmək.
"""

from __future__ import annotations

import os
import pickle
from collections.abc import Iterable

import torch
from torch.serialization import get_unsafe_globals_in_checkpoint, safe_globals

from ._safe_loading_messages import cannot_inspect, refused


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
    # [de] Anders als add_safe_globals nimmt safe_globals die Erlaubnis am Ende
    # des Blocks zurück, auch wenn das Laden scheitert: Spätere Aufrufe laden
    # wieder streng.
    # [az] add_safe_globals-dan fərqli olaraq, safe_globals blok bitəndə icazəni
    # geri alır, yükləmə uğursuz olanda da: sonrakı yükləmələr yenə sərt qalır.
    with safe_globals(list(allow)):
        try:
            # [de] weights_only=True: Die Datei darf Tensoren, einfache Werte und
            # die erlaubten Klassen aufbauen und sonst nichts aufrufen.
            # map_location: Eine Datei von einer GPU lässt sich auch ohne GPU laden.
            # [az] weights_only=True: fayl yalnız tensorları, sadə dəyərləri və icazə
            # verilmiş sinifləri qura bilər, başqa heç nəyi çağıra bilməz.
            # map_location: GPU-da yazılmış fayl GPU olmadan da yüklənir.
            return torch.load(path, map_location=map_location, weights_only=True)
        except pickle.UnpicklingError as error:
            # [de] Kein zweiter Versuch mit weights_only=False: Der würde genau den
            # Code ausführen, der gerade abgelehnt wurde. Stattdessen alles nennen,
            # was die Datei braucht; innerhalb des Blocks zählt nicht mit, was
            # allow erlaubt.
            # [az] weights_only=False ilə ikinci cəhd yoxdur: o, indicə rədd edilmiş
            # kodu icra edərdi. Əvəzində faylın istədiyi hər şeyi adlandırırıq; blok
            # daxilində allow-un icazə verdikləri sayılmır.
            raise pickle.UnpicklingError(refused(path, _needs(path), error)) from None
        except RuntimeError as error:
            # [de] Ein TorchScript-Archiv oder eine Datei im alten tar-Format kann torch
            # gar nicht nur mit Gewichten laden; es sagt das mit einem RuntimeError,
            # der weights_only nennt. Für den Aufrufer ist das dieselbe Ablehnung.
            # Andere RuntimeErrors (etwa eine abgeschnittene Datei) bleiben, wie sie sind.
            # [az] TorchScript arxivini və ya köhnə tar formatındakı faylı torch heç
            # yalnız çəkilərlə yükləyə bilmir; bunu weights_only sözü olan RuntimeError
            # ilə bildirir. Çağıran üçün bu, eyni rəddir. Başqa RuntimeError-lar (məsələn,
            # kəsilmiş fayl) olduğu kimi qalır.
            if "weights_only" not in str(error):
                raise
            raise pickle.UnpicklingError(refused(path, [], error)) from None


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
    try:
        # [de] Liest die Befehle des Pickles als Daten; importiert und ruft nichts auf.
        # [az] Pickle hissəsinin əmrlərini verilənlər kimi oxuyur; heç nəyi import
        # etmir və çağırmır.
        return sorted(get_unsafe_globals_in_checkpoint(path))
    except OSError:
        raise  # [de] keine Datei da oder nicht lesbar / [az] fayl yoxdur və ya oxunmur
    except (ValueError, pickle.UnpicklingError, RuntimeError, EOFError) as error:
        # [de] Ein rohes Pickle, Befehle, die der Leser nicht kennt, oder ein
        # abgeschnittenes ZIP (RuntimeError): Wir sehen nicht hinein, also darf die
        # Datei nicht als unbedenklich gelten.
        # [az] Xam pickle, oxuyucunun tanımadığı əmrlər və ya kəsilmiş ZIP
        # (RuntimeError): içinə baxa bilmirik, ona görə fayl zərərsiz sayılmamalıdır.
        raise ValueError(cannot_inspect(path, error)) from None


def _needs(path: str | os.PathLike[str]) -> list[str]:
    """
    [de]
    Was die Datei über das Erlaubte hinaus braucht, oder ``[]``, wenn sich das
    nicht erkennen lässt.

    [az]
    Faylın icazə veriləndən artıq nəyə ehtiyacı olduğu, bunu görmək mümkün
    deyilsə, ``[]``.
    """
    try:
        return inspect_checkpoint(path)
    except ValueError:
        return []
