"""Ask a warm grading server on a unix socket for one grading run, as a command.

``make mutants`` gives cosmic-ray this as its test command, so that each
mutant is graded in a child forked from a process that imported torch already
(``python -m course.grading.warm --socket PATH``), not by a cold
``pytest``. It imports nothing heavy itself: it starts in a few milliseconds.

    python -m course.grading.warm_client --socket PATH --timeout S -- exercises --lesson basics ...

Prints what the grading printed; exits with pytest's status, 1 if the run was
killed (past ``--timeout`` or by a signal).
"""

from __future__ import annotations

import argparse
import json
import os
import socket
import sys
import tempfile


def ask(path: str, request: dict) -> dict:
    """Send one request to the server at ``path`` and wait for its reply."""
    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as connection:
        connection.connect(path)
        with connection.makefile("rw", encoding="utf-8") as stream:
            stream.write(json.dumps(request) + "\n")
            stream.flush()
            return json.loads(stream.readline())


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--socket", required=True, help="the server's unix socket")
    parser.add_argument("--timeout", type=float, default=600.0,
                        help="the server kills the grading run after this many seconds")
    parser.add_argument("pytest_args", nargs="+", help="what to pass to pytest")
    options = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as folder:
        output = os.path.join(folder, "output.txt")
        reply = ask(options.socket, {"args": options.pytest_args, "timeout": options.timeout,
                                     "output": output})
        if os.path.exists(output):
            with open(output, encoding="utf-8", errors="replace") as printed:
                sys.stdout.write(printed.read())
    status = reply["status"]
    return status if status is not None and status >= 0 else 1


if __name__ == "__main__":
    sys.exit(main())
