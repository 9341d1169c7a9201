"""A posting's pipeline: the stage of each candidate, and how people change it. No I/O.

invited, in_progress and completed follow the interview itself (scheduled, live, completed);
shortlisted, rejected and hired are decisions people take, with an optional reason. A decision
never follows from a score: only a member's request sets or clears one. Setting a stage that
follows the interview clears the decision (the candidate goes back to where the interview is);
any other such stage is refused, since people cannot make an interview live or completed."""

from __future__ import annotations

from dataclasses import dataclass

from interview_core.domain.models import Decision, InterviewStatus, Stage

STAGES: tuple[Stage, ...] = tuple(Stage)
STAGE_LABEL_MAX = 40

_FOLLOWS_STATUS = {
    InterviewStatus.SCHEDULED: Stage.INVITED,
    InterviewStatus.LIVE: Stage.IN_PROGRESS,
    InterviewStatus.COMPLETED: Stage.COMPLETED,
}


def stage_of(status: InterviewStatus, decision: Decision | None) -> Stage | None:
    """The candidate's stage; None for a cancelled interview nobody decided on (it left the
    pipeline)."""
    if decision is not None:
        return Stage(decision.value)
    return _FOLLOWS_STATUS.get(status)


@dataclass(frozen=True)
class StageChange:
    """What a request to move a candidate to `stage` does: the decision to store (None: cleared),
    or `refusal` with the reason."""

    decision: Decision | None
    refusal: str | None = None


def change_to(status: InterviewStatus, stage: Stage) -> StageChange:
    if stage in (Stage.SHORTLISTED, Stage.REJECTED, Stage.HIRED):
        return StageChange(decision=Decision(stage.value))
    follows = _FOLLOWS_STATUS.get(status)
    if stage == follows:
        return StageChange(decision=None)
    where = follows.value if follows is not None else "cancelled"
    return StageChange(
        decision=None,
        refusal=(
            f"The stage {stage.value} follows the interview, which is {where}: people set "
            "shortlisted, rejected or hired, or move the candidate back to "
            f"{where if follows is not None else 'a decision'}"
        ),
    )


def merge_stage_labels(current: dict[str, str], changes: dict[str, str | None]) -> dict[str, str]:
    """The organization's names for its stages after `changes`: a name given as None or blank
    is removed (the platform's name applies again). Raises ValueError naming what is wrong."""
    merged = dict(current)
    for key, value in changes.items():
        if key not in STAGES:
            raise ValueError(f"Unknown stage {key!r}: the stages are {', '.join(STAGES)}")
        name = " ".join((value or "").split())
        if len(name) > STAGE_LABEL_MAX:
            raise ValueError(f"The name of {key} is longer than {STAGE_LABEL_MAX} characters")
        if name:
            merged[key] = name
        else:
            merged.pop(key, None)
    return merged


RATING_MIN, RATING_MAX = 1, 5
REVIEW_NOTE_MAX = 4000

# The platform's names of the stages, where the organization gave none.
STAGE_NAMES: dict[str, dict[Stage, str]] = {
    "en": {
        Stage.INVITED: "Invited",
        Stage.IN_PROGRESS: "In progress",
        Stage.COMPLETED: "Completed",
        Stage.SHORTLISTED: "Shortlisted",
        Stage.REJECTED: "Rejected",
        Stage.HIRED: "Hired",
    },
    "ko": {
        Stage.INVITED: "초대됨",
        Stage.IN_PROGRESS: "진행 중",
        Stage.COMPLETED: "완료",
        Stage.SHORTLISTED: "후보 선정",
        Stage.REJECTED: "불합격",
        Stage.HIRED: "채용",
    },
}


def stage_name(stage: Stage, labels: dict[str, str], language: str) -> str:
    return labels.get(stage.value) or STAGE_NAMES.get(language, STAGE_NAMES["en"])[stage]
