"""Why a review request is refused: each error carries the HTTP status the pages and the API answer with."""

from __future__ import annotations

import time


class DecisionError(Exception):
    status = 400


class NotFound(DecisionError):
    status = 404


class BadDecision(DecisionError):
    status = 400


class Forbidden(DecisionError):
    status = 403


class StaleVersion(DecisionError):
    """The record changed since the version the decision was made on."""

    status = 409

    def __init__(self, item_id: str, given: int, current: int) -> None:
        super().__init__(
            f"{item_id} is at version {current}, the decision was made on version {given}: "
            "someone changed it meanwhile; reload and decide again"
        )
        self.item_id, self.given, self.current = item_id, given, current


class Claimed(DecisionError):
    """Another reviewer holds an unexpired claim on the item."""

    status = 409

    def __init__(self, item_id: str, holder: str, expires_at: float) -> None:
        left = max(0, int(expires_at - time.time()))
        super().__init__(f"{item_id} is claimed by {holder} for another {left // 60} min {left % 60} s")
        self.item_id, self.holder, self.expires_at = item_id, holder, expires_at


# -- messages the service shows for refused requests (security and faults) ------------------------------
# One place for the reader-facing text of the checks below, in Chinese first with the English beside it,
# so that a message catalogue can take them over. ``message(key, **fields)`` fills the fields in.

MESSAGES: dict[str, str] = {
    "not_found": "找不到该页面或记录。(Not found.)",
    "bad_id": "编号格式不正确：{value}。(No such id: {value}.)",
    "too_large": "文件过大：上限为 {limit} MB，未保存任何内容。(The file is too large: the limit is {limit} MB. "
    "Nothing was stored.)",
    "pdf_refused": "无法读取 PDF 文件「{name}」：{problem}。未保存任何内容。(The PDF {name} cannot be read: "
    "{problem_en}. Nothing was stored.)",
    "pdf_damaged": "文件已损坏，或不是受支持的 PDF",
    "pdf_damaged_en": "it is damaged or not a PDF this service can read",
    "pdf_encrypted": "文件已加密（有密码保护），请先解密",
    "pdf_encrypted_en": "it is encrypted (password protected); decrypt it first",
    "pdf_empty": "文件没有任何页面",
    "pdf_empty_en": "it has no pages",
    "bad_origin": "请求来源与本站不符，已拒绝（跨站提交）。(The form was sent from another site ({origin}); "
    "refused.)",
    "csrf": "CSRF 令牌缺失或无效：请刷新页面后重试。(CSRF token missing or invalid: reload the page and try again.)",
    "login_failed": "用户名或密码错误。(Unknown user or wrong password.)",
    "login_throttled": "登录失败次数过多，请 {minutes} 分钟后再试。(Too many failed logins; try again in {minutes} min.)",
    "session_ended": "您的会话已结束（已在别处退出登录、密码已更改或会话已过期），请重新登录。(Your session ended: "
    "logged out elsewhere, password changed or expired; please log in again.)",
    "session_idle": "您的会话因长时间未操作已过期，请重新登录。(Your session expired after inactivity; please log in again.)",
    "logged_out": "已退出登录，您的所有会话均已结束。(Logged out; all your sessions have ended.)",
    "token_invalid": "令牌无效、已过期或已被吊销。(Invalid, expired or revoked token.)",
    "server_error": "服务器内部错误，未保存任何更改。(Internal error; nothing was changed.)",
}


def message(key: str, **fields: object) -> str:
    """The reader-facing text of ``key`` with its fields filled in."""
    return MESSAGES[key].format(**fields)
