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
``NO_VERDICT``. Otherwise it exits with the child's status.
"""

from __future__ import annotations

import os
import signal
import sys
import tempfile

NO_VERDICT = 3  # pytest's own "internal error" status: never mistaken for a pass
_DONE = "done"

_journal: int | None = None  # the child's end of the journal file


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
    if entries[-1:] != [_DONE]:
        running = entries[-1] if entries else "-"
        how = (say("supervisor.signal", signal=_signal_name(-code)) if code < 0
               else say("supervisor.exit", code=code))
        sys.stdout.write("\n" + say("supervisor.no_verdict", test=running, how=how) + "\n")
        sys.stdout.flush()
        os._exit(NO_VERDICT)
    os._exit(code if code >= 0 else NO_VERDICT)


def note_test(nodeid: str) -> None:
    """In the child: this test starts now."""
    _write(nodeid)


def note_done() -> None:
    """In the child: the session is over and its verdicts are printed."""
    _write(_DONE)


def _write(entry: str) -> None:
    if _journal is not None:
        os.write(_journal, (entry + "\n").encode("utf-8"))


def _signal_name(number: int) -> str:
    try:
        return signal.Signals(number).name
    except ValueError:
        return str(number)
