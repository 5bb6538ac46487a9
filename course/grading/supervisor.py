"""A grading run that ends without its verdict never looks like a pass.

A learner's function can end the whole grading process: ``os._exit(0)``, a
``SIGKILL`` to its own pid, a crash of the interpreter, the kernel's
out-of-memory killer. pytest then prints nothing more and the shell sees
whatever status the process died with, 0 included.

So the grading runs in a child. Right after pytest has configured itself,
``supervise`` forks: the child goes on with the session and notes in a small
file which test it starts and when the session is over; the parent only
waits. If the child ends without noting the end, the parent says so in the
learner's language, names the test that was running, and exits with
``NO_VERDICT``. It does the same when the child's exit status is not the one
its session ended with, or when the child noted that the grading's own code
was changed (``integrity.py``). Otherwise it exits with the child's status.
The parent never imports the learner's code, so its message is its own.
"""

from __future__ import annotations

import os
import signal
import sys
import tempfile

from .feedback import localized

NO_VERDICT = 3  # pytest's own "internal error" status: never mistaken for a pass
# The journal's lines: a test starts; the grading's code was changed; the end.
_TEST, _CHANGED, _DONE = "test ", "changed ", "done "

_journal: int | None = None  # the child's end of the journal file
_results_files: list[str] = []
_os_write = os.write  # bound before the learner's code is imported, which may patch os


def supervise(say) -> None:
    """Fork; return in the child, never in the parent.

    ``say(key, **values)`` renders a message of the grading's catalogs in the
    learner's language.
    """
    global _journal
    descriptor, path = tempfile.mkstemp(prefix="grading-", suffix=".journal")
    sys.stdout.flush()
    sys.stderr.flush()
    pid = os.fork()
    if pid == 0:
        _journal = descriptor
        return
    os.close(descriptor)
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl+C is for the child to handle
    _, status = os.waitpid(pid, 0)
    with open(path, encoding="utf-8") as file:
        entries = file.read().splitlines()
    os.unlink(path)
    code = os.waitstatus_to_exitcode(status)
    refusal = _refusal(entries, code)
    if refusal is not None:
        for results in _results_files:  # a refused run leaves no results to collect
            if os.path.exists(results):
                os.unlink(results)
        key, values = refusal
        sys.stdout.write("\n" + say(key, **values) + "\n")
        sys.stdout.flush()
        os._exit(NO_VERDICT)
    os._exit(code)


def _refusal(entries: list[str], code: int) -> tuple[str, dict] | None:
    """Why the child's end is no verdict (message key, values), or ``None``."""
    changed = [entry.removeprefix(_CHANGED) for entry in entries if entry.startswith(_CHANGED)]
    if changed:
        return "supervisor.changed", {"what": ", ".join(changed[:3])}
    done = [entry.removeprefix(_DONE) for entry in entries if entry.startswith(_DONE)]
    if not done:
        tests = [entry.removeprefix(_TEST) for entry in entries if entry.startswith(_TEST)]
        return "supervisor.no_verdict", {"test": tests[-1] if tests else "-", "how": _how(code)}
    reported = done[-1].strip()
    if code < 0 or (reported and int(reported) != code):
        # The session ended with one status and the process with another: code
        # after pytest (an atexit handler calling os._exit(0)) changed it.
        return "supervisor.status_changed", {"reported": reported, "how": _how(code)}
    return None


def _how(code: int) -> dict[str, str]:
    """How the child ended, in each language (filled into a message per language)."""
    if code < 0:
        return localized("supervisor.signal", signal=_signal_name(-code))
    return localized("supervisor.exit", code=code)


def note_test(nodeid: str) -> None:
    """In the child: this test starts now."""
    _write(_TEST + nodeid)


def note_changed(what: list[str]) -> None:
    """In the child: the grading's own code was changed (``integrity``): no verdict."""
    _write(_CHANGED + ", ".join(what))


def note_done(status: int | None) -> None:
    """In the child: the session is over, its verdicts are printed, it ends with ``status``."""
    _write(_DONE + ("" if status is None else str(int(status))))


def note_results_file(path: str) -> None:
    """A file of results (``--results``) that a refused run must not leave behind.

    Called before the fork (``pytest_configure``), so the parent knows it too.
    """
    _results_files.append(path)


def _write(entry: str) -> None:
    if _journal is not None:
        _os_write(_journal, (entry.replace("\n", " ") + "\n").encode("utf-8"))


def _signal_name(number: int) -> str:
    try:
        return signal.Signals(number).name
    except ValueError:
        return str(number)
