"""
[de]
Musterlösung zu den Aufgaben 1–2: einen Checkpoint speichern und laden.

[az]
Tapşırıqlar 1–2 üçün nümunə həll: checkpoint-i yadda saxlamaq və yükləmək.
"""

from __future__ import annotations

import os
from collections.abc import Mapping

import torch
from torch import nn

from ._messages import Unfit, reason_for, say


def save_checkpoint(
    model: nn.Module,
    optimizer: torch.optim.Optimizer,
    epoch: int,
    filename: str | os.PathLike[str] = "checkpoint.pth",
    loss: float | None = None,
) -> None:
    """
    [de]
    Speichert den Zustand von Modell und Optimierer in einer Checkpoint-Datei.

    Schreibt mit :func:`torch.save` ein Dictionary mit mindestens den
    Schlüsseln ``"epoch"``, ``"model_state_dict"``, ``"optimizer_state_dict"``
    und ``"loss"``. Es darf nur Tensoren und einfache Python-Werte enthalten,
    damit es sich mit ``torch.load(..., weights_only=True)`` laden lässt. Die
    Gewichte werden exakt gespeichert: gleicher Datentyp, gleiche Bits.

    :param model: Das Modell, dessen Gewichte gespeichert werden.
    :param optimizer: Der Optimierer, dessen Zustand gespeichert wird.
    :param epoch: Die zuletzt vollständig abgeschlossene Epoche.
    :param filename: Pfad der Checkpoint-Datei.
    :param loss: Der zuletzt gemessene Loss, oder ``None``.

    [az]
    Modelin və optimallaşdırıcının vəziyyətini checkpoint faylında yadda saxlayır.

    :func:`torch.save` ilə ən azı ``"epoch"``, ``"model_state_dict"``,
    ``"optimizer_state_dict"`` və ``"loss"`` açarları olan bir lüğət yazır.
    Lüğətdə yalnız tensorlar və sadə Python dəyərləri olmalıdır ki, onu
    ``torch.load(..., weights_only=True)`` ilə yükləmək mümkün olsun.
    Çəkilər dəqiq saxlanılır: eyni verilənlər tipi, eyni bitlər.

    :param model: Çəkiləri yadda saxlanılan model.
    :param optimizer: Vəziyyəti yadda saxlanılan optimallaşdırıcı.
    :param epoch: Sonuncu tam başa çatmış epoxa.
    :param filename: Checkpoint faylının yolu.
    :param loss: Sonuncu ölçülmüş loss, yaxud ``None``.
    """
    checkpoint = {
        "epoch": epoch,
        "model_state_dict": model.state_dict(),
        "optimizer_state_dict": optimizer.state_dict(),
        "loss": loss,
    }
    torch.save(checkpoint, filename)


def load_checkpoint(
    model: nn.Module,
    optimizer: torch.optim.Optimizer,
    filename: str | os.PathLike[str] = "checkpoint.pth",
) -> int:
    """
    [de]
    Stellt Modell und Optimierer aus einer Checkpoint-Datei wieder her.

    Lädt nur Gewichte (``weights_only=True``), führt also nie Code aus der
    Datei aus, und lädt auch Checkpoints, die auf einer GPU gespeichert wurden,
    auf einem Rechner ohne GPU.

    Fehlt die Datei, gibt die Funktion eine Meldung mit dem Dateinamen aus und
    gibt ``0`` zurück. Ist die Datei beschädigt oder passt sie nicht zu Modell
    oder Optimierer, nennt die Meldung Datei und Grund, die Funktion gibt
    ``0`` zurück, und Modell und Optimierer bleiben genau so, wie sie waren:
    kein halbes Laden.

    :param model: Das Modell, in das die Gewichte geladen werden.
    :param optimizer: Der Optimierer, dessen Zustand geladen wird.
    :param filename: Pfad der Checkpoint-Datei.
    :returns: Die erste Epoche, die noch trainiert werden muss: die
        gespeicherte Epoche + 1, oder ``0``, wenn nichts geladen wurde.

    [az]
    Modeli və optimallaşdırıcını checkpoint faylından bərpa edir.

    Yalnız çəkiləri yükləyir (``weights_only=True``), yəni fayldakı heç bir
    kodu icra etmir. GPU-da yadda saxlanılmış checkpoint-i GPU-suz kompüterdə
    də yükləyir.

    Fayl yoxdursa, funksiya faylın adını göstərən bir mesaj çap edir və ``0``
    qaytarır. Fayl zədələnibsə və ya modelə, yaxud optimallaşdırıcıya uyğun
    gəlmirsə, mesaj faylı və səbəbi göstərir, funksiya ``0`` qaytarır, model
    və optimallaşdırıcı isə olduğu kimi qalır: yarımçıq yükləmə olmur.

    :param model: Çəkilərin yükləndiyi model.
    :param optimizer: Vəziyyəti yüklənən optimallaşdırıcı.
    :param filename: Checkpoint faylının yolu.
    :returns: Təlimin davam etməli olduğu ilk epoxa: yadda saxlanılmış
        epoxa + 1, heç nə yüklənməyibsə ``0``.
    """
    try:
        # [de] weights_only=True: Ein Checkpoint kann von überall kommen, also
        # darf sein Pickle nur Tensoren und einfache Werte aufbauen und nie Code
        # ausführen. map_location="cpu": So lässt sich auch eine auf einer GPU
        # geschriebene Datei ohne GPU laden.
        # [az] weights_only=True: checkpoint hər yerdən gələ bilər, ona görə
        # onun pickle-i yalnız tensorları və sadə dəyərləri bərpa etməli, heç
        # vaxt kod icra etməməlidir. map_location="cpu": belə olduqda GPU-da
        # yazılmış faylı GPU olmadan da yükləmək olur.
        checkpoint = torch.load(filename, map_location="cpu", weights_only=True)
        _check_fits(checkpoint, model)
        # [de] Optimizer.load_state_dict prüft die Parametergruppen, bevor es
        # etwas ändert, und das Modell ist oben schon geprüft. So kann keiner
        # der beiden Ladeschritte auf halbem Weg scheitern und alten mit neuem
        # Zustand mischen.
        # [az] Optimizer.load_state_dict heç nəyi dəyişməzdən əvvəl parametr
        # qruplarını yoxlayır, model isə yuxarıda artıq yoxlanılıb. Beləliklə,
        # iki yükləmə addımından heç biri yarıda dayanıb köhnə və yeni
        # vəziyyəti qarışdıra bilməz.
        optimizer.load_state_dict(checkpoint["optimizer_state_dict"])
        model.load_state_dict(checkpoint["model_state_dict"])
    except FileNotFoundError:
        say("missing", filename=filename)
        return 0
    except Exception as error:  # [de] kaputte oder fremde Datei: von vorn [az] zədələnmiş və ya yad fayl: əvvəldən
        say("unusable", filename=filename, reason=reason_for(error))
        return 0
    return checkpoint["epoch"] + 1


def _check_fits(checkpoint: object, model: nn.Module) -> None:
    """
    [de]
    Löst :class:`Unfit` aus, wenn sich ``checkpoint`` nicht in ``model`` laden lässt.

    ``Module.load_state_dict`` kopiert jeden passenden Tensor, *bevor* es
    fehlende, überzählige oder falsch geformte Schlüssel meldet. Erst zu
    prüfen verhindert, dass ein gescheitertes Laden das Modell verändert.

    [az]
    ``checkpoint`` lüğətini ``model`` modelinə yükləmək mümkün deyilsə,
    :class:`Unfit` xətası qaldırır.

    ``Module.load_state_dict`` çatışmayan, artıq və ya ölçüsü uyğun olmayan
    açarları bildirməzdən *əvvəl* hər uyğun tensoru köçürür. Əvvəlcə
    yoxlamaq uğursuz yükləmənin modeli dəyişməsinin qarşısını alır.
    """
    if not isinstance(checkpoint, Mapping):
        raise Unfit("not_a_dict", found=type(checkpoint).__name__)
    missing = REQUIRED_KEYS - checkpoint.keys()
    if missing:
        raise Unfit("keys_missing", keys=", ".join(sorted(missing)))
    epoch = checkpoint["epoch"]
    if not isinstance(epoch, int) or isinstance(epoch, bool) or epoch < 0:
        raise Unfit("bad_epoch", epoch=repr(epoch))
    saved, ours = checkpoint["model_state_dict"], model.state_dict()
    if not isinstance(saved, Mapping) or saved.keys() != ours.keys():
        raise Unfit("other_network")
    for key, tensor in ours.items():
        if not isinstance(saved[key], torch.Tensor) or saved[key].shape != tensor.shape:
            raise Unfit("other_shape", key=key)


REQUIRED_KEYS = frozenset({"epoch", "model_state_dict", "optimizer_state_dict"})
