"""Bytes → text for text exports: UTF-8 (with or without BOM), UTF-16 with BOM, GB18030/GBK.

``decode_bytes`` either returns ``(text, encoding)`` or raises ``ValueError`` whose
message says what is wrong (empty, binary, undecodable); ``extract.text`` turns that
into a ``ReadError``. Order of attempts:

1. empty input → error;
2. a byte-order mark decides (UTF-8-SIG, UTF-16-LE/BE);
3. NUL bytes without a UTF-16 BOM → binary;
4. strict UTF-8;
5. strict GB18030 (a superset of GBK and GB2312), accepted when the result reads as
   Chinese text (mostly CJK / ASCII, few odd symbols);
6. charset-normalizer's best guess, with the same plausibility check;
7. otherwise → undecodable.

A decoded text with many control characters (other than tab, newline, CR, form feed)
is rejected as binary as well.
"""

from __future__ import annotations

import unicodedata

from extract.reasons import Reason, reason


class NotText(ValueError):
    """Bytes that are not a text file: why, as a reason (``extract.reasons``)."""

    def __init__(self, why: Reason) -> None:
        super().__init__(why.render("en"))
        self.reason = why


_BOMS: tuple[tuple[bytes, str], ...] = (
    (b"\xef\xbb\xbf", "utf-8-sig"),
    (b"\xff\xfe", "utf-16-le"),
    (b"\xfe\xff", "utf-16-be"),
)
_ALLOWED_CONTROLS = {"\t", "\n", "\r", "\f", "\v"}


def control_ratio(text: str) -> float:
    """Share of characters that are control characters other than tab/newline/CR/FF."""
    if not text:
        return 0.0
    bad = sum(1 for ch in text if ch not in _ALLOWED_CONTROLS and unicodedata.category(ch) == "Cc")
    return bad / len(text)


def looks_like_text(text: str) -> bool:
    """True when ``text`` reads as (Chinese or Latin) text rather than mis-decoded bytes."""
    if not text:
        return False
    if control_ratio(text) > 0.01:
        return False
    sample = text[:20000]
    good = 0
    odd = 0
    for ch in sample:
        o = ord(ch)
        if ch.isspace() or o < 0x7F:
            good += 1
        elif 0x4E00 <= o <= 0x9FFF or 0x3000 <= o <= 0x303F or 0xFF00 <= o <= 0xFFEF:
            good += 1  # common CJK ideographs and CJK / full-width punctuation
        elif unicodedata.category(ch).startswith(("L", "N", "P")) and o < 0x3000:
            good += 1  # Latin-1, Greek, general punctuation (“ ” — …)
        else:
            odd += 1
    return odd <= 0.05 * (good + odd)


def decode_bytes(data: bytes) -> tuple[str, str]:
    """``(text, encoding)`` for the bytes of a text file; ``ValueError`` when it is not text."""
    if not data:
        raise NotText(reason("text.empty"))
    for bom, name in _BOMS:
        if data.startswith(bom):
            try:
                text = data.decode(name)
            except UnicodeDecodeError as exc:
                raise NotText(reason("text.undecodable_bom", encoding=name, error=exc.reason)) from None
            if control_ratio(text) > 0.01:
                raise NotText(reason("text.binary_control"))
            return text, name
    if b"\x00" in data:
        raise NotText(reason("text.binary_nul"))
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    else:
        if control_ratio(text) > 0.01:
            raise NotText(reason("text.binary_control"))
        return text, "utf-8"
    try:
        text = data.decode("gb18030")
    except UnicodeDecodeError:
        pass
    else:
        if looks_like_text(text):
            return text, "gb18030"
    guess = _charset_normalizer_guess(data)
    if guess is not None:
        return guess
    raise NotText(reason("text.undecodable"))


def _charset_normalizer_guess(data: bytes) -> tuple[str, str] | None:
    try:
        from charset_normalizer import from_bytes
    except ImportError:  # pragma: no cover - a declared dependency
        return None
    try:
        best = from_bytes(data[:200000]).best()
    except Exception:  # pragma: no cover - the library should not raise on bytes
        return None
    if best is None or not best.encoding:
        return None
    try:
        text = data.decode(best.encoding)
    except (UnicodeDecodeError, LookupError):
        return None
    if not looks_like_text(text):
        return None
    return text, best.encoding
