"""
[de]
Aufgaben 15–16: asynchrone Checkpoints mit ``torch.distributed.checkpoint``.
Das Training läuft weiter, während der Checkpoint geschrieben wird.
Ersetze jedes ``raise NotImplementedError`` durch deine Lösung und prüfe sie
mit ``pytest exercises --lesson asynchronous``.

[az]
Tapşırıqlar 15–16: ``torch.distributed.checkpoint`` ilə asinxron checkpoint-lər.
Checkpoint yazılarkən təlim davam edir.
Hər ``raise NotImplementedError`` sətrini öz həllinizlə əvəz edin və onu
``pytest exercises --lesson asynchronous`` ilə yoxlayın.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable
from concurrent.futures import Future
from pathlib import Path

import torch
import torch.distributed as dist
import torch.distributed.checkpoint as dcp
from torch import nn
from torch.distributed.checkpoint.staging import AsyncStager, DefaultStager, StagingOptions
from torch.distributed.checkpoint.state_dict import get_state_dict




class AsyncCheckpointer:
    """
    [de]
    Speichert Checkpoints im Hintergrund mit :func:`torch.distributed.checkpoint.async_save`.

    ``save`` kopiert den Zustand in den Arbeitsspeicher und kehrt zurück;
    geschrieben wird danach in einem Hintergrund-Thread, während das Training
    weiterläuft. Es läuft höchstens ein Speichervorgang zur Zeit: ``save``
    wartet, bis der vorige fertig ist. Ein Fehler beim Schreiben geht nie
    verloren: ``wait``, ``close`` oder das nächste ``save`` lösen ihn aus.
    Der Checkpoint von Schritt ``step`` liegt im Ordner
    ``directory/step_<step>``.

    :param directory: Ordner, in dem die Checkpoints angelegt werden.
    :param process_group: Die Prozessgruppe, über die sich die Ränge beim
        Speichern abstimmen; ``None`` ohne ``torch.distributed`` oder für die
        Standardgruppe. Im verteilten Training eine eigene Gloo-Gruppe nur für
        Checkpoints, damit die kollektiven Operationen des Trainings nicht mit
        denen des Speicherns zusammenstoßen.
    :param stager: Was den Zustand vor der Rückkehr von ``save`` kopiert;
        ``None``: ein eigener :class:`~torch.distributed.checkpoint.staging.DefaultStager`,
        der seine Kopie im Arbeitsspeicher für alle Checkpoints wiederverwendet.
        Ein übergebener Stager gehört dem Aufrufer: ``close`` schließt ihn nicht.

    [az]
    :func:`torch.distributed.checkpoint.async_save` ilə checkpoint-ləri arxa planda yadda saxlayır.

    ``save`` vəziyyəti operativ yaddaşa köçürür və qayıdır; yazma isə
    bundan sonra arxa plandakı axında (thread) gedir, təlim də bu vaxt davam edir. Eyni
    anda ən çox bir yadda saxlama gedir: ``save`` əvvəlkinin bitməsini
    gözləyir. Yazma zamanı baş verən xəta heç vaxt itmir: onu ``wait``,
    ``close`` və ya növbəti ``save`` qaldırır. Addım ``step`` üçün checkpoint
    ``directory/step_<step>`` qovluğundadır.

    :param directory: Checkpoint-lərin yaradıldığı qovluq.
    :param process_group: Rank-ların yadda saxlama zamanı razılaşdığı proses
        qrupu; ``torch.distributed`` olmadıqda və ya standart qrup üçün
        ``None``. Paylanmış təlimdə yalnız checkpoint-lər üçün ayrıca Gloo
        qrupu verin ki, təlimin kollektiv əməliyyatları yadda saxlamanın
        əməliyyatları ilə toqquşmasın.
    :param stager: ``save`` qayıtmazdan əvvəl vəziyyəti köçürən obyekt;
        ``None``: öz :class:`~torch.distributed.checkpoint.staging.DefaultStager`
        obyekti, o, yaddaşdakı surətindən bütün checkpoint-lər üçün təkrar istifadə edir.
        Ötürülən stager çağırana məxsusdur: ``close`` onu bağlamır.
    """

    def __init__(
        self,
        directory: str | os.PathLike[str] = "checkpoints",
        process_group: dist.ProcessGroup | None = None,
        stager: AsyncStager | None = None,
    ) -> None:
        raise NotImplementedError("AsyncCheckpointer")

    def save(self, state_dict: dict, step: int) -> Future:
        """
        [de]
        Startet einen Checkpoint von ``state_dict`` und kehrt zurück, sobald
        der Zustand kopiert ist; das Schreiben läuft im Hintergrund weiter.

        Wartet vorher, bis ein noch laufender Speichervorgang fertig ist, und
        löst dessen Fehler aus, wenn er gescheitert ist.

        :param state_dict: Was gespeichert wird, zum Beispiel
            ``{"model": ..., "optimizer": ...}``.
        :param step: Der Trainingsschritt; er gibt dem Ordner seinen Namen.
        :returns: Das :class:`~concurrent.futures.Future` des Speichervorgangs;
            ``result()`` wartet auf sein Ende und löst seinen Fehler aus.

        [az]
        ``state_dict`` üçün checkpoint-ə başlayır və vəziyyət köçürülən kimi
        qayıdır; yazma arxa planda davam edir.

        Əvvəlcə hələ davam edən yadda saxlamanın bitməsini gözləyir, o alınmayıbsa,
        onun xətasını qaldırır.

        :param state_dict: Yadda saxlanılan məlumat, məsələn,
            ``{"model": ..., "optimizer": ...}``.
        :param step: Təlim addımı; qovluğun adı ondan götürülür.
        :returns: Yadda saxlamanın :class:`~concurrent.futures.Future` obyekti;
            ``result()`` onun bitməsini gözləyir və xətasını qaldırır.
        """
        raise NotImplementedError("AsyncCheckpointer.save")

    def wait(self) -> None:
        """
        [de]
        Wartet, bis der laufende Speichervorgang fertig ist, und löst seinen
        Fehler aus, wenn er gescheitert ist. Danach läuft kein Vorgang mehr:
        Denselben Fehler löst weder ein weiteres ``wait`` noch das nächste
        ``save`` oder ``close`` noch einmal aus. Ohne laufenden Vorgang kehrt
        ``wait`` sofort zurück.

        [az]
        Davam edən yadda saxlamanın bitməsini gözləyir, o alınmayıbsa, onun
        xətasını qaldırır. Bundan sonra davam edən yadda saxlama qalmır: eyni
        xətanı nə növbəti ``wait``, nə növbəti ``save``, nə də ``close``
        yenidən qaldırır. Davam edən yadda saxlama yoxdursa, ``wait`` dərhal
        qayıdır.
        """
        raise NotImplementedError("AsyncCheckpointer.wait")

    def close(self) -> None:
        """
        [de]
        Wartet auf den letzten Speichervorgang (und löst seinen Fehler aus)
        und gibt die Puffer des eigenen Stagers frei, auch wenn der
        Speichervorgang gescheitert ist; einen übergebenen Stager lässt
        ``close`` offen. Danach läuft nichts mehr im Hintergrund.

        [az]
        Sonuncu yadda saxlamanı gözləyir (və onun xətasını qaldırır), öz
        stager obyektinin buferlərini isə, yadda saxlama alınmasa belə, azad
        edir; ötürülən stager-i açıq saxlayır. Bundan sonra arxa planda heç nə
        işləmir.
        """
        raise NotImplementedError("AsyncCheckpointer.close")

    def __enter__(self) -> AsyncCheckpointer:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()




def train_with_async_checkpoints(
    model: nn.Module,
    optimizer: torch.optim.Optimizer,
    batches: Iterable[tuple[torch.Tensor, torch.Tensor]],
    loss_fn: Callable[[torch.Tensor, torch.Tensor], torch.Tensor] = nn.functional.mse_loss,
    directory: str | os.PathLike[str] = "checkpoints",
    every: int = 100,
) -> int:
    """
    [de]
    Trainiert einen Schritt je Batch und speichert alle ``every`` Schritte
    asynchron Modell und Optimierer, mit :class:`AsyncCheckpointer`.

    Im verteilten Training (``torch.distributed`` ist initialisiert) mittelt
    die Funktion die Gradienten aller Ränge mit ``all_reduce`` auf der
    Standardgruppe und speichert über eine eigene Gruppe
    (``dist.new_group(backend="gloo")``), damit sich Training und Speichern
    nicht gegenseitig blockieren. Sie prüft in jedem Schritt, ob der letzte
    Speichervorgang gescheitert ist, und bricht dann mit seinem Fehler ab.
    Am Ende, auch nach einem Fehler, wartet sie auf den letzten Checkpoint:
    danach läuft nichts mehr im Hintergrund.

    :param model: Das Modell, das trainiert wird.
    :param optimizer: Sein Optimierer.
    :param batches: Paare ``(inputs, targets)``, ein Paar je Schritt.
    :param loss_fn: Berechnet den Loss aus ``model(inputs)`` und ``targets``.
    :param directory: Ordner der Checkpoints; der von Schritt ``n`` liegt in
        ``directory/step_<n>``.
    :param every: Alle wie viele Schritte ein Checkpoint gespeichert wird.
    :returns: Die Zahl der trainierten Schritte.

    [az]
    Hər batch üçün bir təlim addımı atır və hər ``every`` addımdan bir modeli
    və optimallaşdırıcını :class:`AsyncCheckpointer` ilə asinxron yadda saxlayır.

    Paylanmış təlimdə (``torch.distributed`` işə salınıbsa) funksiya bütün
    rank-ların qradiyentlərinin ortasını standart qrupda ``all_reduce`` ilə götürür,
    yadda saxlamanı isə ayrıca qrup (``dist.new_group(backend="gloo")``)
    üzərindən aparır ki, təlim və yadda saxlama bir-birini bloklamasın. Hər
    addımda sonuncu yadda saxlamanın alınıb-alınmadığını yoxlayır, alınmayıbsa,
    onun xətası ilə dayanır. Sonda, xətadan sonra da, sonuncu checkpoint-i
    gözləyir: bundan sonra arxa planda heç nə işləmir.

    :param model: Təlim edilən model.
    :param optimizer: Onun optimallaşdırıcısı.
    :param batches: ``(inputs, targets)`` cütləri, hər addım üçün bir cüt.
    :param loss_fn: Loss-u ``model(inputs)`` və ``targets`` əsasında hesablayır.
    :param directory: Checkpoint-lərin qovluğu; addım ``n`` üçün checkpoint
        ``directory/step_<n>`` qovluğundadır.
    :param every: Neçə addımdan bir checkpoint yadda saxlanılır.
    :returns: Atılmış təlim addımlarının sayı.
    """
    raise NotImplementedError("train_with_async_checkpoints")
