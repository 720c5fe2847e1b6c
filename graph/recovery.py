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

    @property
    def state(self) -> str:
        """``before`` or ``after``: which side of the interrupted write the store holds."""
        return "before" if self.discarded_bytes or self.set_aside else "after"

    def __str__(self) -> str:
        where = f"the store at {self.directory}"
        if self.set_aside:
            what = (f"its write-ahead log ({self.log_bytes} bytes) could not be replayed and "
                    "was set aside; the store holds its last checkpoint, the state before "
                    "that write")
        elif self.discarded_bytes:
            what = (f"discarded the uncommitted tail of its write-ahead log "
                    f"({self.discarded_bytes} of {self.log_bytes} bytes); the store holds "
                    "the state before that write")
        elif self.checkpoint_completed:
            what = (f"the write had committed; finished folding it ({self.log_bytes} bytes of "
                    "write-ahead log) into the database file; the store holds the state after "
                    "that write")
        else:
            what = (f"the write had committed; replayed its write-ahead log ({self.log_bytes} "
                    "bytes); the store holds the state after that write")
        kept = f" The log as found is kept at {self.kept}." if self.kept else ""
        return f"Recovered {where} after a process died while writing to it: {what}.{kept}"
