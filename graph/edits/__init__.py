"""Edits of people, bodies and memberships through the API, kept as an append-only change log.

An edit is validated by the rules of ingest itself: the edited record (with the
records its rules compare it with: the other seats of the same person in the same
body, the person and the body a seat joins) is written as a small Data Package
and read by :func:`ingest.package.load_dataset`, so an edit is typed, checked and
refused exactly as a row of a dataset file would be (``DATASET_INVALID``, with
file, row, column and reason). The store values come from
:func:`ingest.writer.to_store_rows`, and the record is written by the same upsert
statements as ingest.

Every record carries a *version* (its ``row_hash``). An edit names the version it
was made against; if the record has changed since, it is refused with
``CONFLICT``. The change is a ``Change`` node whose id is derived from the record
and that version, so even two processes cannot both store an edit of one version.
The record and its change are written in one transaction: both or neither.

A dataset file stays the source it was. When a changed file is ingested again,
:func:`reapply` replays the dataset's changes on the file's rows in the same
transaction: a change whose record and old values are still what the file says
is applied again; one whose record is gone or whose fields the file changed too
is marked ``conflict`` (the file's value stands) and listed; none is dropped.

One topic per module:

- :mod:`graph.edits.log`: who edits, the change log's entries, records and reading them;
- :mod:`graph.edits.feed`: the change feed (subscriptions) and the lock of a store's edits;
- :mod:`graph.edits.check`: the appointment check;
- :mod:`graph.edits.memberships`: appointing, ending a membership, changing its role;
- :mod:`graph.edits.corrections`: correcting a person or a body, adding a body;
- :mod:`graph.edits.undo`: reverting a change;
- :mod:`graph.edits.validation`: an edited record read as a small Data Package by ingest;
- :mod:`graph.edits.write`: the record and its change written in one transaction;
- :mod:`graph.edits.replay`: a dataset's changes replayed on a new version of its file;
- :mod:`graph.edits.changeset`: the changes in effect, exported and made again.
"""

from graph.edits.changeset import CHANGESET_COLUMNS, apply_changeset, changeset
from graph.edits.check import (
    AppointmentCheck,
    BodyOverlapChange,
    Crossing,
    check_appointment,
)
from graph.edits.corrections import add_body, correct, correct_body, correct_person
from graph.edits.feed import Feed, feed
from graph.edits.log import (
    APPLIED,
    BODY,
    BODY_FIELDS,
    CONFLICT,
    DEFAULT_MAX_SUBSCRIBERS,
    MEMBERSHIP,
    MEMBERSHIP_FIELDS,
    PERSON,
    PERSON_FIELDS,
    PRIVATE_FIELDS,
    Change,
    ConflictError,
    EditForbiddenError,
    Editor,
    Record,
    change_log,
    history,
    record,
)
from graph.edits.memberships import appoint, change_role, end_membership
from graph.edits.replay import Replay, reapply
from graph.edits.undo import revert

__all__ = [
    "APPLIED",
    "BODY",
    "BODY_FIELDS",
    "CHANGESET_COLUMNS",
    "CONFLICT",
    "DEFAULT_MAX_SUBSCRIBERS",
    "MEMBERSHIP",
    "MEMBERSHIP_FIELDS",
    "PERSON",
    "PERSON_FIELDS",
    "PRIVATE_FIELDS",
    "AppointmentCheck",
    "BodyOverlapChange",
    "Change",
    "ConflictError",
    "Crossing",
    "EditForbiddenError",
    "Editor",
    "Feed",
    "Record",
    "Replay",
    "add_body",
    "apply_changeset",
    "appoint",
    "change_log",
    "change_role",
    "changeset",
    "check_appointment",
    "correct",
    "correct_body",
    "correct_person",
    "end_membership",
    "feed",
    "history",
    "reapply",
    "record",
    "revert",
]
