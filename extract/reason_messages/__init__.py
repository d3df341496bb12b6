"""The catalogue of reason codes: code → {language: template}, zh first and en beside, with the same
placeholders in both. Data only: ``extract.reasons`` makes and renders reasons from it. One module
per stage that makes the codes (``reading``: extract/, ``checking``: classify/, ``service``:
review/); add a code in the section of the stage that makes it. A code is defined once: the parts
share none."""

from __future__ import annotations

from extract.reason_messages.checking import CHECKING
from extract.reason_messages.reading import READING
from extract.reason_messages.service import SERVICE


def _merged(*parts: dict[str, dict[str, str]]) -> dict[str, dict[str, str]]:
    out: dict[str, dict[str, str]] = {}
    for part in parts:
        twice = out.keys() & part.keys()
        if twice:
            raise ValueError(f"reason codes defined twice: {sorted(twice)}")
        out.update(part)
    return out


MESSAGES: dict[str, dict[str, str]] = _merged(READING, CHECKING, SERVICE)
