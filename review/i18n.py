"""The review service's languages: Chinese by default, English on request, from one catalogue.

* Messages are written in English in the templates and views (``_('Queue')``) and translated in
  the one catalogue ``review/translations/zh/LC_MESSAGES/messages.po`` (committed). The app
  compiles it at start into ``<instance folder>/translations`` (``compile_catalogue``: the same
  .po gives the same .mo byte for byte), so a clean clone needs no build step and nothing is
  written into the source tree.
* The reader's language (``select_locale``): their own setting (``review_users.language``), else
  the browser's Accept-Language, else Chinese. ``POST /language`` sets it (for a visitor who has
  not logged in, in the session).
* Domain words in the reader's language: table types by their Chinese names
  (``extract.taxonomy.TABLE_TYPE_NAMES``), fields, statuses, kinds and roles by label, and the
  reasons a record waits for review rendered from ``extract.reasons`` — a stored reason list
  read with ``extract.reasons.loads`` and each reason rendered in the reader's language.
"""

from __future__ import annotations

import io
import re
import sqlite3
from pathlib import Path
from typing import Any

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from flask import Blueprint, Flask, g, redirect, request, session, url_for
from flask_babel import Babel, get_locale
from flask_babel import lazy_gettext as _l

from extract.reasons import MESSAGES, loads
from extract.taxonomy import TABLE_TYPE_NAMES
from review.audits import AUDIT_REASON
from review.db import get_db
from review.work_queue import legacy_parts

CATALOGUE = Path(__file__).resolve().parent / "translations"
DOMAIN = "messages"
LANGUAGES = {"zh": "中文", "en": "English"}
DEFAULT = "zh"
HTML_LANG = {"zh": "zh-CN", "en": "en"}

bp = Blueprint("i18n", __name__)

FIELD_LABELS = {
    "code": _l("Code"),
    "name": _l("Name"),
    "column": _l("Column"),
    "amount_yuan": _l("Amount (yuan)"),
    "project": _l("Project"),
    "level1": _l("Level 1 indicator"),
    "level2": _l("Level 2 indicator"),
    "level3": _l("Level 3 indicator"),
    "value": _l("Target value"),
    "table_type": _l("Table type"),
    "title": _l("Title"),
    "unit": _l("Unit"),
    "status": _l("Status"),
}
STATUS_NAMES = {
    "pending": _l("pending"),
    "auto": _l("auto-accepted"),
    "confirmed": _l("confirmed"),
    "corrected": _l("corrected"),
    "rejected": _l("rejected"),
    "queued": _l("queued"),
    "processing": _l("processing"),
    "done": _l("done"),
    "failed": _l("failed"),
}
KIND_NAMES = {"line_item": _l("line item"), "indicator": _l("indicator"), "table": _l("table")}
ACTION_NAMES = {
    "confirm": _l("confirm"),
    "correct": _l("correct"),
    "reject": _l("reject"),
    "propose": _l("propose"),
    "approve": _l("approve"),
    "decline": _l("decline"),
    "undo": _l("undo"),
}
FIXED_TEXTS = {AUDIT_REASON: _l("audit sample of an auto-accepted record")}
ROLE_NAMES = {"reviewer": _l("reviewer"), "approver": _l("approver"), "admin": _l("administrator")}


def compile_catalogue(dest: Path, source: Path = CATALOGUE) -> list[Path]:
    """Compile every ``<lang>/LC_MESSAGES/messages.po`` under ``source`` into ``dest`` (same layout);
    a .mo already holding the same bytes is left alone. Returns the .mo files."""
    written = []
    for po in sorted(source.glob(f"*/LC_MESSAGES/{DOMAIN}.po")):
        with po.open("rb") as fh:
            catalog = read_po(fh, locale=po.parts[-3])
        buf = io.BytesIO()
        write_mo(buf, catalog)
        out = dest / po.relative_to(source).with_suffix(".mo")
        if not out.exists() or out.read_bytes() != buf.getvalue():
            out.parent.mkdir(parents=True, exist_ok=True)
            tmp = out.with_name(out.name + ".part")
            tmp.write_bytes(buf.getvalue())
            tmp.replace(out)
        written.append(out)
    return written


def user_language(conn: sqlite3.Connection, user_id: int) -> str:
    row = conn.execute("SELECT language FROM review_users WHERE id = ?", (user_id,)).fetchone()
    return (row[0] if row else "") or ""


def set_user_language(conn: sqlite3.Connection, user_id: int, language: str) -> None:
    if language not in LANGUAGES:
        raise ValueError(f"unknown language {language!r}; choose one of {', '.join(LANGUAGES)}")
    conn.execute("UPDATE review_users SET language = ? WHERE id = ?", (language, user_id))
    conn.commit()


def select_locale() -> str:
    """The reader's own setting, else the browser's Accept-Language, else Chinese."""
    user = g.get("user")
    if user is not None:
        chosen = user_language(get_db(), user.id)
        if chosen in LANGUAGES:
            return chosen
    chosen = session.get("language", "")
    if chosen in LANGUAGES:
        return chosen
    return request.accept_languages.best_match(list(LANGUAGES), default=DEFAULT) or DEFAULT


def language() -> str:
    """The language of this request: 'zh' or 'en'."""
    locale = get_locale()
    return locale.language if locale is not None and locale.language in LANGUAGES else DEFAULT


def render_reasons(text: str | None, lang: str | None = None) -> list[str]:
    """A stored reason list as sentences in the reader's language, one per stored reason (the free
    text of an older store: one per clause, split at '; ' outside brackets)."""
    lang = lang or language()
    out: list[str] = []
    for r in loads(text):
        if r.code != "unknown":
            out.append(r.render(lang))
            continue
        for part in legacy_parts(str(r.args.get("text", ""))):
            out.append(str(FIXED_TEXTS[part]) if part in FIXED_TEXTS else part)
    return out


def render_note(text: str | None, lang: str | None = None) -> str:
    """An audit-trail note in the reader's language: a note the service wrote (codes, ``review.notes``)
    rendered; a reviewer's own words as they typed them."""
    found = loads(text)
    if found and all(r.code != "unknown" for r in found):
        return "；".join(r.render(lang or language()) for r in found)
    return text or ""


def reason_kind_label(kind: str, lang: str | None = None) -> str:
    """A reason kind (``review.work_queue.reason_categories``) as the filter names it: the code's
    message with its parameters left out, or the stem of an older free-text reason."""
    if kind.startswith("text:"):
        text = kind[len("text:") :]
        return str(FIXED_TEXTS[text]) if text in FIXED_TEXTS else text
    templates = MESSAGES.get(kind)
    if not templates:
        return kind
    template = templates.get(lang or language()) or templates[DEFAULT]
    return re.sub(r"\{[^}]*\}", "…", template)


def table_type_name(slug: str | None) -> str:
    if not slug:
        return ""
    return TABLE_TYPE_NAMES.get(slug, slug) if language() == "zh" else slug.replace("_", " ")


def label_of(names: dict[str, Any], key: str | None) -> str:
    return str(names.get(key or "", key or ""))


@bp.route("/language", methods=("POST",))
def choose_language() -> Any:
    """Set the reader's language (stored with their account, or in the session before login)."""
    lang = request.form.get("language", "")
    if lang in LANGUAGES:
        session["language"] = lang
        if g.get("user") is not None:
            set_user_language(get_db(), g.user.id, lang)
    back = request.form.get("back", "")
    return redirect(
        back if back.startswith("/") and not back.startswith("//") else url_for("queue.dashboard")
    )


def init_app(app: Flask, instance: Path) -> None:
    """Compile the catalogue into ``instance``, pick the locale per request, give templates the helpers."""
    translations = instance / "translations"
    compile_catalogue(translations)
    app.config["BABEL_TRANSLATION_DIRECTORIES"] = str(translations)
    app.config.setdefault("BABEL_DEFAULT_LOCALE", DEFAULT)
    Babel(app, locale_selector=select_locale)
    app.register_blueprint(bp)
    app.jinja_env.globals.update(
        languages=LANGUAGES,
        language=language,
        html_lang=lambda: HTML_LANG[language()],
        reasons_of=render_reasons,
        note_text=render_note,
        reason_kind=reason_kind_label,
        type_name=table_type_name,
        field_label=lambda k: label_of(FIELD_LABELS, k),
        status_name=lambda k: label_of(STATUS_NAMES, k),
        kind_name=lambda k: label_of(KIND_NAMES, k),
        action_name=lambda k: label_of(ACTION_NAMES, k),
        role_name=lambda k: label_of(ROLE_NAMES, k),
    )
