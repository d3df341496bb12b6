"""Reason codes the review service and the store write (review/): a record waiting again, notes in
the audit trail."""

from __future__ import annotations

# code → {language: template}; templates use str.format with the reason's parameters
SERVICE: dict[str, dict[str, str]] = {
    # ---- review workbench (issue 16)
    # what the service writes: reasons a record waits again, notes in the audit trail (review/)
    "review.decided": {
        "zh": "{item}（{user}于{at}{status}，审计记录#{audit}）",
        "en": "{item} ({status} by {user} at {at}, audit #{audit})",
    },
    "review.changed_since": {
        "zh": "与上一版本相比已改变：{decision}",
        "en": "changed since the previous version: {decision}",
    },
    "review.inherited": {
        "zh": "沿用文件{document}中的{decision}",
        "en": "inherited from {decision} of document {document}",
    },
    "review.awaiting_approval": {
        "zh": "等待审批：{user}提交的更正",
        "en": "awaiting approval: correction by {user}",
    },
    "review.correction_declined": {
        "zh": "{proposer}提交的更正被{user}驳回",
        "en": "correction by {proposer} declined by {user}",
    },
    "review.held_for_approval": {"zh": "更正待审批", "en": "held for approval"},
    "review.bulk_confirm": {"zh": "整表批量确认（{table}）", "en": "bulk confirm of {table}"},
    "review.undo_of": {"zh": "撤销“{action}”", "en": "undo of {action}"},
    "review.proposal": {"zh": "{user}提交的更正建议#{proposal}", "en": "proposal {proposal} by {user}"},
    "review.status_pending": {"zh": "待复核", "en": "pending"},
    "review.status_auto": {"zh": "自动通过", "en": "auto-accepted"},
    "review.status_confirmed": {"zh": "确认", "en": "confirmed"},
    "review.status_corrected": {"zh": "更正", "en": "corrected"},
    "review.status_rejected": {"zh": "驳回", "en": "rejected"},
    "review.action_confirm": {"zh": "确认", "en": "confirm"},
    "review.action_correct": {"zh": "更正", "en": "correct"},
    "review.action_reject": {"zh": "驳回", "en": "reject"},
    "review.action_propose": {"zh": "提交更正", "en": "propose"},
    "review.action_approve": {"zh": "批准", "en": "approve"},
    "review.action_decline": {"zh": "不予批准", "en": "decline"},
    "review.action_undo": {"zh": "撤销", "en": "undo"},
    # ---- review service and store (issue 18)
}
