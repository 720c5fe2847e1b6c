"""A local Neo4j 5 server from the launcher in ``neo4j-launcher/`` (built by ``make neo4j``).

The launcher (``neo4j-launcher/src/main/java/govgraph/Neo4jLauncher.java``) runs Neo4j
community, the embedded database of Maven Central's ``org.neo4j:neo4j``, with
only its Bolt connector, on 127.0.0.1 and a port the operating system picks.
It prints ``BOLT bolt://127.0.0.1:PORT`` once it accepts connections and stops
when its standard input closes or on SIGTERM. The tests, the benchmarks and
``make run-neo4j`` start it through :class:`LocalNeo4j`; run as a module, this
file starts one and runs a command with ``GOVGRAPH_BACKEND=neo4j`` and the
server's URI, user and password in its environment::

    python -m graph.backends.neo4j_local [--dir DIR] -- govgraph serve
"""

from __future__ import annotations

import argparse
import os
import secrets
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path
from types import TracebackType

LAUNCHER = Path(__file__).resolve().parents[2] / "neo4j-launcher"
"""The launcher's Maven project."""
JAR = LAUNCHER / "target" / "neo4j-launcher-1.0.jar"
CLASSPATH = LAUNCHER / "target" / "classpath.txt"
MAIN = "govgraph.Neo4jLauncher"
USER = "neo4j"


class LauncherError(RuntimeError):
    """The local Neo4j could not be started."""


class LocalNeo4j:
    """A Neo4j server started from the launcher, stopped on :meth:`stop` or on leaving ``with``.

    Parameters
    ----------
    directory : Path, optional
        Where the database files go and stay; by default a temporary folder the
        launcher removes when it stops.
    password : str, optional
        The password of user ``neo4j`` (at least 8 characters); by default a new
        random one.
    timeout : float
        Seconds to wait for the Bolt port before giving up.
    heap : str
        The JVM's largest heap (``-Xmx``).
    log : Path, optional
        File that receives the server's own output (by default discarded).
    """

    def __init__(self, directory: Path | None = None, *, password: str | None = None,
                 timeout: float = 180.0, heap: str = "1g", log: Path | None = None) -> None:
        self.password = password or secrets.token_urlsafe(16)
        self.user = USER
        self.uri = ""
        if not JAR.exists() or not CLASSPATH.exists():
            raise LauncherError(
                f"the Neo4j launcher is not built ({JAR} missing): run `make neo4j` "
                "(Maven and Java 17 fetch Neo4j 5 community from Maven Central)")
        classpath = os.pathsep.join([str(JAR), CLASSPATH.read_text(encoding="utf-8").strip()])
        command = ["java", f"-Xmx{heap}", "-XX:+UseSerialGC", "-cp", classpath, MAIN,
                   "--password", self.password]
        if directory is not None:
            directory.mkdir(parents=True, exist_ok=True)
            command += ["--dir", str(directory)]
        self._log = log.open("ab") if log is not None else None
        try:
            self._process = subprocess.Popen(
                command, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                stderr=self._log or subprocess.DEVNULL)
        except OSError as exc:
            self._close_log()
            raise LauncherError(f"cannot run java: {exc}") from exc
        try:
            self.uri = self._wait_for_bolt(timeout)
        except BaseException:
            self.stop()
            raise

    def _wait_for_bolt(self, timeout: float) -> str:
        assert self._process.stdout is not None
        found: list[str] = []

        def read() -> None:
            assert self._process.stdout is not None
            for raw in self._process.stdout:
                line = raw.decode("utf-8", "replace").strip()
                if line.startswith("BOLT "):
                    found.append(line.split(" ", 1)[1])
                    return

        reader = threading.Thread(target=read, daemon=True)
        reader.start()
        reader.join(timeout)
        if found:
            return found[0]
        code = self._process.poll()
        why = (f"it exited with status {code}" if code is not None
               else f"no Bolt port in {timeout:.0f} s")
        raise LauncherError(f"the local Neo4j did not start: {why}")

    @property
    def pid(self) -> int:
        """The launcher's process id."""
        return self._process.pid

    def environment(self) -> dict[str, str]:
        """The ``GOVGRAPH_*`` variables that point govgraph at this server."""
        return {"GOVGRAPH_BACKEND": "neo4j", "GOVGRAPH_NEO4J_URI": self.uri,
                "GOVGRAPH_NEO4J_USER": self.user, "GOVGRAPH_NEO4J_PASSWORD": self.password,
                "GOVGRAPH_NEO4J_DATABASE": "neo4j"}

    def stop(self, timeout: float = 60.0) -> None:
        """Close the launcher's standard input (it shuts Neo4j down) and wait for it to exit."""
        if self._process.poll() is None:
            try:
                assert self._process.stdin is not None
                self._process.stdin.close()
            except OSError:
                pass
            try:
                self._process.wait(timeout)
            except subprocess.TimeoutExpired:
                self._process.terminate()
                try:
                    self._process.wait(timeout)
                except subprocess.TimeoutExpired:
                    self._process.kill()
                    self._process.wait()
        self._close_log()

    def _close_log(self) -> None:
        if self._log is not None:
            self._log.close()
            self._log = None

    def __enter__(self) -> LocalNeo4j:
        return self

    def __exit__(self, kind: type[BaseException] | None, value: BaseException | None,
                 traceback: TracebackType | None) -> None:
        self.stop()


def main(argv: list[str] | None = None) -> int:
    """Start a local Neo4j, run a command pointed at it, stop the server when it ends."""
    parser = argparse.ArgumentParser(
        prog="python -m graph.backends.neo4j_local",
        description="Start the project's local Neo4j 5 and run a command with "
                    "GOVGRAPH_BACKEND=neo4j and the server's URI, user and password set.")
    parser.add_argument("--dir", type=Path, default=None,
                        help="keep the database in this folder (default: a temporary one)")
    parser.add_argument("--password", default=os.environ.get("GOVGRAPH_NEO4J_PASSWORD") or None,
                        help="password of user neo4j (default: $GOVGRAPH_NEO4J_PASSWORD or random)")
    parser.add_argument("command", nargs=argparse.REMAINDER,
                        help="the command to run (after --), e.g. govgraph serve")
    args = parser.parse_args(argv)
    command = args.command[1:] if args.command[:1] == ["--"] else args.command
    if not command:
        parser.error("name a command to run after --")
    def interrupted(signum: int, frame: object) -> None:
        raise KeyboardInterrupt

    signal.signal(signal.SIGTERM, interrupted)  # stop the command, then Neo4j, on SIGTERM too
    started = time.monotonic()
    with LocalNeo4j(args.dir, password=args.password) as server:
        print(f"Neo4j at {server.uri} (user {server.user}), started in "
              f"{time.monotonic() - started:.0f} s", file=sys.stderr, flush=True)
        child = subprocess.Popen(command, env={**os.environ, **server.environment()})
        try:
            return child.wait()
        except KeyboardInterrupt:
            child.terminate()
            return child.wait()


if __name__ == "__main__":
    raise SystemExit(main())
