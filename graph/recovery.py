"""What opening a store did to recover from a process that died while writing."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class RecoveryReport:
    """The recovery an embedded store needed when it was opened.

    Attributes
    ----------
    directory : Path
        The store's directory.
    log_bytes : int
        Size of the write-ahead log left behind by the process that died.
    discarded_bytes : int
        Bytes of that log that held no committed transaction (a torn or
        unfinished tail) and were dropped; 0 if the whole log was replayed.
    checkpoint_completed : bool
        The process died while folding a committed write into the database
        file; the fold was finished from the log.
    set_aside : bool
        The log could not be replayed at all and was moved out of the store;
        the store holds its last checkpoint (the state before the write).
    kept : Path | None
        Where the log is kept as it was found, when anything of it was dropped.
    """

    directory: Path
    log_bytes: int
    discarded_bytes: int
    checkpoint_completed: bool = False
    set_aside: bool = False
    kept: Path | None = None

    def __str__(self) -> str:
        if self.set_aside:
            what = (f"its write-ahead log ({self.log_bytes} bytes) could not be replayed and "
                    "was set aside: the store holds its last checkpoint, without the write "
                    "that was in progress")
        elif self.discarded_bytes:
            what = (f"dropped the end of its write-ahead log that held no committed "
                    f"transaction ({self.discarded_bytes} of {self.log_bytes} bytes): the "
                    "write that was in progress there was not applied")
        elif self.checkpoint_completed:
            what = (f"finished folding committed writes ({self.log_bytes} bytes of "
                    "write-ahead log) into the database file: nothing committed was lost")
        else:
            what = (f"replayed the committed writes in its write-ahead log ({self.log_bytes} "
                    "bytes): nothing committed was lost")
        kept = f" The log as found is kept at {self.kept}." if self.kept else ""
        return (f"Recovered the store at {self.directory} after a process died while writing "
                f"to it: {what}.{kept}")

    @property
    def summary(self) -> str:
        """A few words: what recovery did."""
        if self.set_aside:
            return f"log set aside ({self.log_bytes} B)"
        if self.discarded_bytes:
            return f"torn tail dropped ({self.discarded_bytes} of {self.log_bytes} B)"
        if self.checkpoint_completed:
            return f"checkpoint finished ({self.log_bytes} B)"
        return f"committed log replayed ({self.log_bytes} B)"
