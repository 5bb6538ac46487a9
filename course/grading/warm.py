"""Warm grading: pay ``import torch`` once, then grade many times, each in a fresh child.

A grading run spends most of its time before the first test: importing torch,
torch's first optimizer (which imports torch._dynamo and sympy), pytest, its
plugins and the course plugin. A warm process does all that once
(``prepare``, which also runs pytest once over an empty folder). Each grading
run is then a ``fork`` of it that calls ``pytest.main``:

- the child imports the learner's module anew, since the warm process never
  imported it, so every run sees the file as it is now;
- whatever the learner's code does, an endless loop, ``os._exit`` or a crash
  of the interpreter, ends the child, never the warm process; a child that
  runs past its time is killed, with every process it started.

Three users: ``make watch`` (``course.grading.watch``); ``make test``, which
grades every mistake module through ``python -m course.grading.warm`` servers
(``tests/grading.py``); and ``make mutants``, whose test command for each
mutant is a small client (``course.grading.warm_client``) of a server on a
unix socket, since cosmic-ray runs a command per mutant.

    python -m course.grading.warm                  # one JSON request per line on stdin
    python -m course.grading.warm --socket PATH    # one JSON request per connection
"""

from __future__ import annotations

import argparse
import json
import os
import signal
import socket
import sys
import time

from pathlib import Path

from . import processes

ROOT = Path(__file__).resolve().parents[2]
# Folders whose modules a grading run imports anew each time: the learner's
# code, the reference and the tests. The warm process must never import
# them, or its children would grade old versions.
FRESH = tuple(str(ROOT / name) for name in ("checkpoints", "solutions", "tests", "exercises"))
# What the lessons' child processes import. The warm process's forkserver
# imports it once, in the background, for every grading run after it.
FORKSERVER_PRELOAD = ["torch", "accelerate", "torch.distributed.checkpoint"]


def prepare() -> None:
    """Import what every grading run needs, and run torch's first optimizer and pytest once."""
    import pytest  # noqa: F401
    import torch

    import course.grading.plugin  # noqa: F401
    torch.optim.SGD([torch.zeros(1, requires_grad=True)], lr=0.1).step()
    _run_pytest_once()
    # Children that start processes of their own share one forkserver,
    # started here, so each grading run does not import torch there again.
    processes.warm_up(FORKSERVER_PRELOAD)
    stale = [name for name, module in sys.modules.items()
             if (getattr(module, "__file__", None) or "").startswith(FRESH)]
    assert not stale, f"the warm process imported {stale}: children would grade old code"


def _run_pytest_once() -> None:
    """One pytest run over an empty folder, so that pytest's own plugins and
    the third-party ones are imported here once, not in every child."""
    import tempfile

    import pytest
    with tempfile.TemporaryDirectory() as empty:
        with open(os.devnull, "w") as quiet:
            saved = os.dup(1)
            os.dup2(quiet.fileno(), 1)
            try:
                pytest.main(["-q", "-p", "no:cacheprovider", "--rootdir", empty, "-c", os.devnull,
                             empty])
            finally:
                os.dup2(saved, 1)
                os.close(saved)


def _child(args: list[str], env: dict[str, str], output: str | None) -> int:
    """In the forked child: its own process group, then one pytest run."""
    os.setpgid(0, 0)  # so that a kill reaches whatever this run starts itself
    os.environ.update(env)
    if output is not None:
        out = os.open(output, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)
        os.dup2(out, 1)
        os.dup2(out, 2)
    processes.adopt_forkserver()
    import pytest
    return int(pytest.main(args))


def run(args: list[str], *, timeout: float | None = None, env: dict[str, str] | None = None,
        output: str | None = None) -> int | None:
    """``pytest.main(args)`` in a forked child; its exit status, ``None`` on timeout.

    A child that ends by a signal reports ``-signal``, like ``subprocess``.
    """
    sys.stdout.flush()
    sys.stderr.flush()
    pid = os.fork()
    if pid == 0:
        status = 1
        try:
            status = _child(args, env or {}, output)
        finally:
            sys.stdout.flush()
            sys.stderr.flush()
            os._exit(status)
    return wait(pid, timeout)


def wait(pid: int, timeout: float | None) -> int | None:
    """Reap the child; kill it, its process group and its forkserver children past ``timeout``."""
    deadline = None if timeout is None else time.monotonic() + timeout
    try:
        while True:
            done, status = os.waitpid(pid, os.WNOHANG)
            if done:
                break
            if deadline is not None and time.monotonic() > deadline:
                stop(pid)
                return None
            time.sleep(0.02)
    except KeyboardInterrupt:  # Ctrl+C in make watch: the child has its own group, stop it
        stop(pid)
        raise
    processes.reap_forkserver_children()  # what a child that died left running
    return os.waitstatus_to_exitcode(status)


def stop(pid: int) -> None:
    """SIGKILL a grading child, everything in its process group, and reap it."""
    for kill in (lambda: os.killpg(pid, signal.SIGKILL), lambda: os.kill(pid, signal.SIGKILL)):
        try:
            kill()
        except ProcessLookupError:
            pass
    os.waitpid(pid, 0)
    processes.reap_forkserver_children()


def serve() -> None:
    """Answer requests from stdin, one JSON object per line, one reply per line.

    Request: ``{"args": [...], "env": {...}, "timeout": 600, "output": path}``;
    reply: ``{"status": exit status or null}``.
    """
    prepare()
    print(json.dumps({"ready": True}), flush=True)
    for line in sys.stdin:
        print(json.dumps(answer(json.loads(line))), flush=True)


def answer(request: dict) -> dict:
    """One request of either server: its grading run, and the reply."""
    status = run(request["args"], timeout=request.get("timeout"),
                 env=request.get("env"), output=request.get("output", os.devnull))
    return {"status": status}


def serve_socket(path: str) -> None:
    """Answer requests on the unix socket ``path``: one request (as in ``serve``)
    per connection, one reply, one grading at a time; ``{"stop": true}`` ends it.

    Prints ``{"ready": true}`` once it listens. A client that is gone before
    the reply costs nothing more: its run is bounded by the request's timeout.
    """
    prepare()
    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as listener:
        listener.bind(path)
        listener.listen()
        print(json.dumps({"ready": True}), flush=True)
        while True:
            connection, _ = listener.accept()
            with connection, connection.makefile("rw", encoding="utf-8") as stream:
                request = json.loads(stream.readline() or "{}")
                if request.get("stop"):
                    return
                reply = answer(request)
                try:
                    stream.write(json.dumps(reply) + "\n")
                    stream.flush()
                except OSError:  # the client was killed meanwhile
                    pass


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--socket", help="listen on this unix socket instead of stdin")
    options = parser.parse_args()
    if options.socket:
        serve_socket(options.socket)
    else:
        serve()
