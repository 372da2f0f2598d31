"""Named refusals. Each error names the rule it enforces; the API maps the kind to a status.

``ConflictError`` (409): the command is well-formed but the aggregate's state forbids it.
``InvalidValueError`` (422): a value is out of its domain (a bad credit code,
an end before a start).
``NotFoundError`` (404): the thing named does not exist.
"""

from __future__ import annotations


class DomainError(Exception):
    """Base of every refusal; ``rule`` is a stable slug used in problem details."""

    rule: str = "domain-rule"

    def __init__(self, detail: str) -> None:
        super().__init__(detail)
        self.detail = detail


class ConflictError(DomainError):
    rule = "conflicting-state"


class InvalidValueError(DomainError):
    rule = "invalid-value"


class NotFoundError(DomainError):
    rule = "not-found"


class ConcurrentWriteError(ConflictError):
    rule = "concurrent-write"


class ForbiddenError(DomainError):
    """The actor may not do this (HTTP 403): refusals of access, not of the item's state."""

    rule = "forbidden"


class OutOfScopeError(ForbiddenError):
    rule = "out-of-scope"


# --- values -----------------------------------------------------------------------------


class InvalidCreditCodeError(InvalidValueError):
    rule = "invalid-credit-code"


class InvalidRegionCodeError(InvalidValueError):
    rule = "invalid-region-code"


class BlankTextError(InvalidValueError):
    rule = "blank-text"


class ControlCharacterError(InvalidValueError):
    """Text with a control character other than tab and newline, or a lone surrogate: no
    person types one, PostgreSQL text cannot hold NUL and UTF-8 cannot encode a surrogate."""

    rule = "control-character-in-text"


class InvalidAmountError(InvalidValueError):
    rule = "invalid-amount"


class BusinessDateInFutureError(InvalidValueError):
    rule = "business-date-in-future"


class DateOutOfRangeError(InvalidValueError):
    """A date before the earliest this office records, or too far after the recording day."""

    rule = "date-out-of-range"


class AmountOutOfRangeError(InvalidValueError):
    rule = "amount-out-of-range"


class ReasonRequiredError(InvalidValueError):
    rule = "reason-required"


class CommitmentNotFoundError(NotFoundError):
    rule = "commitment-not-found"


class CommitmentAlreadyKeptError(ConflictError):
    rule = "commitment-already-settled"


class DueDateInPastError(InvalidValueError):
    rule = "due-date-in-past"


# --- project ----------------------------------------------------------------------------


class ProjectNotFoundError(NotFoundError):
    rule = "project-not-found"


class InvestmentBelowFloorError(InvalidValueError):
    rule = "investment-below-reserve-floor"


class IllegalStageTransitionError(ConflictError):
    rule = "illegal-stage-transition"


class ProjectClosedError(ConflictError):
    rule = "project-closed"


class LeaderUnchangedError(ConflictError):
    rule = "lead-leader-unchanged"


class TeamMemberAlreadyAddedError(ConflictError):
    rule = "team-member-already-added"


class TeamMemberNotFoundError(ConflictError):
    rule = "team-member-not-on-team"


class InvalidPlanError(InvalidValueError):
    rule = "invalid-plan"


class MilestoneNotPlannedError(ConflictError):
    rule = "milestone-not-planned"


class MilestoneAlreadyReachedError(ConflictError):
    rule = "milestone-already-reached"


class ProgressMonthInFutureError(InvalidValueError):
    rule = "progress-month-in-future"


class InvalidMonthError(InvalidValueError):
    rule = "invalid-month"


class ProgressAlreadyReportedError(ConflictError):
    rule = "progress-already-reported"


class ProgressFiguresDisagreeError(InvalidValueError):
    """The month's completed investment must be the step from the month before's total."""

    rule = "progress-figures-disagree"


class ConstructionContradictsStageError(ConflictError):
    """续建 is listed only for a project under construction; 新开工 only for one not yet
    started before the list year."""

    rule = "construction-contradicts-stage"


class ProjectNotListedError(ConflictError):
    rule = "project-not-listed"


class LiaisonUnchangedError(ConflictError):
    rule = "liaison-unchanged"


class InvalidWeekError(InvalidValueError):
    rule = "invalid-week"


class ReportPeriodNotBegunError(InvalidValueError):
    rule = "report-period-not-begun"


class WeeklyUpdateAlreadySubmittedError(ConflictError):
    rule = "weekly-update-already-submitted"


class QuarterReportAlreadySubmittedError(ConflictError):
    rule = "quarter-report-already-submitted"


class ServiceTeamKeptError(ConflictError):
    """一包到底: the leader, liaison and team of a project in operation stay as they were;
    a change needs a reason."""

    rule = "service-team-kept-in-operation"


# --- issue ------------------------------------------------------------------------------


class IssueNotFoundError(NotFoundError):
    rule = "issue-not-found"


class IssueNotOpenError(ConflictError):
    rule = "issue-not-open"


class IssueAlreadyAssignedError(ConflictError):
    rule = "issue-already-assigned"


class IssueNotAssignedError(ConflictError):
    rule = "issue-not-assigned"


class TimeLimitPassedError(ConflictError):
    rule = "time-limit-passed"


class TimeLimitNotLaterError(InvalidValueError):
    rule = "time-limit-not-later"


class AlreadyEscalatedError(ConflictError):
    rule = "already-escalated-to-level"


class CloseOutRequiresResolutionError(ConflictError):
    rule = "close-out-requires-resolution"


class IssueNotReopenableError(ConflictError):
    rule = "issue-not-reopenable"


class UnknownProjectError(InvalidValueError):
    rule = "unknown-project"


class CalendarYearUnknownError(InvalidValueError):
    """No calendar data covers a year a working-day count reaches: never guess Monday–Friday."""

    rule = "calendar-year-unknown"

    def __init__(self, year: int) -> None:
        super().__init__(
            f"no official working-day calendar is known for {year}: give the time limit as a "
            f"date, or add the State Council's {year} holiday arrangement to the calendar "
            "override file (DUBAN_CALENDAR_OVERRIDES)"
        )
        self.year = year


class TimeLimitPendingError(ConflictError):
    rule = "time-limit-pending-calendar"


class DeadlineNotPendingError(ConflictError):
    rule = "deadline-not-pending"


class DeadlineNotOpenError(ConflictError):
    rule = "deadline-not-open"


class DeadlineNotPassedError(ConflictError):
    rule = "deadline-not-passed"


class DeadlineAlreadyMissedError(ConflictError):
    rule = "deadline-already-recorded-missed"


class MissAlreadyWithdrawnError(ConflictError):
    rule = "miss-already-withdrawn"


class EscalationStepAlreadyTakenError(ConflictError):
    rule = "escalation-step-already-taken"


class ExtensionTooLateError(ConflictError):
    rule = "extension-filed-too-late"


class TimeLimitRequiredError(InvalidValueError):
    rule = "time-limit-required"


# --- intake and routing (受理, 转办, 退回, 协办, 一次性告知) ------------------------------------


class TransferToSameUnitError(InvalidValueError):
    rule = "transfer-to-same-unit"


class AssistingUnitIsLeadError(InvalidValueError):
    rule = "assisting-unit-is-lead"


class AlreadyAssistingError(ConflictError):
    rule = "already-assisting"


class AssistingPartNotFoundError(NotFoundError):
    rule = "assisting-part-not-found"


class AssistingPartNotOpenError(ConflictError):
    rule = "assisting-part-not-open"


class AssistingPartsOpenError(ConflictError):
    """The lead unit answers for the whole: it cannot conclude while a part is outstanding."""

    rule = "assisting-parts-open"


class AssistingPartAfterTimeLimitError(InvalidValueError):
    rule = "assisting-part-after-time-limit"


class OneTimeNoticeAlreadyGivenError(ConflictError):
    """一次性告知: everything the enterprise must supply is told once, not piece by piece."""

    rule = "one-time-notice-already-given"


class NoEnterpriseToNotifyError(ConflictError):
    rule = "no-enterprise-to-notify"


class InstructionRequiredError(InvalidValueError):
    """领导交办 (一事一督办) is recorded with the leader and their instruction (批示)."""

    rule = "leader-instruction-required"


class InstructionNotExpectedError(InvalidValueError):
    rule = "leader-instruction-only-for-leader-assigned"


class EnterpriseRequiredError(InvalidValueError):
    """Only a unit's own rectification item (自查整改) stands without an enterprise."""

    rule = "enterprise-required"


class ReplyAfterCapError(InvalidValueError):
    """A written answer owed by rule (7 working days to a complaint, 3 days to a project in
    negotiation) may be promised earlier, never later."""

    rule = "reply-after-cap"


class AlreadyRepliedError(ConflictError):
    rule = "already-replied"


# --- pairing, briefing -------------------------------------------------------------------


class PairingNotFoundError(NotFoundError):
    rule = "pairing-not-found"


class PairingEndedError(ConflictError):
    rule = "pairing-ended"


class OfficialUnchangedError(ConflictError):
    rule = "official-unchanged"


class VisitOutsidePairingError(InvalidValueError):
    rule = "visit-outside-pairing"


class InvalidCadenceError(InvalidValueError):
    rule = "invalid-cadence"


class SessionSeriesNotFoundError(NotFoundError):
    rule = "session-series-not-found"


class SessionNotFoundError(NotFoundError):
    rule = "session-not-found"


class SessionNotPlannedError(ConflictError):
    rule = "session-not-planned"


class NotAPolicyBriefingError(ConflictError):
    rule = "progress-reports-are-for-policy-briefings"


class BriefingProgressAlreadyReportedError(ConflictError):
    rule = "briefing-progress-already-reported"


class InvalidPeriodError(InvalidValueError):
    rule = "invalid-period"


class UnknownFilterValueError(InvalidValueError):
    """A query filter given a value no item can have: refused, not answered with nothing."""

    rule = "unknown-filter-value"


# --- financing match, review -------------------------------------------------------------


class FinancingMatchNotFoundError(NotFoundError):
    rule = "financing-match-not-found"


class IllegalFinancingStepError(ConflictError):
    rule = "illegal-financing-step"


class DisbursementExceedsCreditError(InvalidValueError):
    rule = "disbursement-exceeds-credit"


class BridgeLoanError(ConflictError):
    rule = "bridge-loan-state"


class ReviewNotFoundError(NotFoundError):
    rule = "review-not-found"


class InvalidReviewError(InvalidValueError):
    rule = "invalid-review"


class ReviewSubjectNotReviewableError(ConflictError):
    rule = "review-subject-not-reviewable"


class IllegalReviewStepError(ConflictError):
    rule = "illegal-review-step"


# --- directory -----------------------------------------------------------------------------


class UnitNotFoundError(NotFoundError):
    rule = "unit-not-found"


class OfficialNotFoundError(NotFoundError):
    rule = "official-not-found"


class UnknownOfficialError(InvalidValueError):
    """A command names an official by an id the directory does not know (422)."""

    rule = "unknown-official"


class UnknownUnitError(InvalidValueError):
    rule = "unknown-unit"


class InvalidUnitLevelError(InvalidValueError):
    rule = "invalid-unit-level"


class RankAboveUnitError(InvalidValueError):
    rule = "rank-above-unit"


class CityDivisionIsSectionError(InvalidValueError):
    rule = "city-division-is-section"


class HeadPostRankError(InvalidValueError):
    rule = "head-post-rank-mismatch"


class PostUnchangedError(ConflictError):
    rule = "post-unchanged"


# --- enterprise register ---------------------------------------------------------------------


class EnterpriseNotFoundError(NotFoundError):
    rule = "enterprise-not-found"


class EnterpriseAlreadyRegisteredError(ConflictError):
    rule = "enterprise-already-registered"


class ClassificationUnchangedError(ConflictError):
    rule = "classification-unchanged"


class KeyEnterpriseHasContactsError(ConflictError):
    rule = "key-enterprise-has-contacts"


class ContactRequiresKeyEnterpriseError(ConflictError):
    rule = "contact-requires-key-enterprise"


class ContactRequiresGovernmentLeaderError(InvalidValueError):
    rule = "contact-requires-government-leader"


class ContactAlreadyLinkedError(ConflictError):
    rule = "contact-already-linked"


class ContactNotLinkedError(ConflictError):
    rule = "contact-not-linked"


class InvalidCoverageMinimumError(InvalidValueError):
    rule = "invalid-coverage-minimum"


# --- documents -----------------------------------------------------------------------------


class UrgingNoticeNotDueError(ConflictError):
    rule = "urging-notice-not-due"


class UrgingNoticeAlreadyIssuedError(ConflictError):
    rule = "urging-notice-already-issued"


class UrgingNoticeNotFoundError(NotFoundError):
    rule = "urging-notice-not-found"


class InvalidNumberPatternError(InvalidValueError):
    rule = "invalid-number-pattern"


class InvalidYearError(InvalidValueError):
    rule = "invalid-year"


# --- assessment ----------------------------------------------------------------------------


class InvalidAssessmentSchemeError(InvalidValueError):
    rule = "invalid-assessment-scheme"


class AssessmentSchemeNotFoundError(InvalidValueError):
    rule = "assessment-scheme-not-found"


class AssessmentNotFoundError(NotFoundError):
    rule = "assessment-not-found"


class AssessmentAlreadyOpenError(ConflictError):
    rule = "assessment-already-open"


class AssessmentPublishedError(ConflictError):
    rule = "assessment-published"


class AssessmentNotScoredError(ConflictError):
    rule = "assessment-not-scored"


class AssessmentNotPublishedError(ConflictError):
    rule = "assessment-not-published"


class CutoffNotReachedError(ConflictError):
    rule = "cutoff-not-reached"


class InvalidCutoffError(InvalidValueError):
    rule = "invalid-cutoff"


class UnitNotAssessedError(InvalidValueError):
    rule = "unit-not-assessed"


class UnknownIndicatorError(InvalidValueError):
    rule = "unknown-indicator"


class UnknownBonusError(InvalidValueError):
    rule = "unknown-bonus"


class UnknownRequirementError(InvalidValueError):
    rule = "unknown-requirement"


class PointsOutOfRangeError(InvalidValueError):
    rule = "points-out-of-range"


class BonusCapExceededError(InvalidValueError):
    rule = "bonus-cap-exceeded"


class ApproverIsActorError(InvalidValueError):
    rule = "approver-is-actor"


class EnteredResultsIncompleteError(InvalidValueError):
    rule = "entered-results-incomplete"


class VetoExemptionAlreadyGrantedError(ConflictError):
    rule = "veto-exemption-already-granted"


class VetoExemptionNotGrantedError(ConflictError):
    rule = "veto-exemption-not-granted"


class VetoExemptionNotFoundError(NotFoundError):
    rule = "veto-exemption-not-found"


class RequirementNotBindingError(InvalidValueError):
    rule = "requirement-not-binding"


# --- summons, referral ---------------------------------------------------------------------


class SummonsNotFoundError(NotFoundError):
    rule = "summons-not-found"


class UnknownSummonsError(InvalidValueError):
    rule = "unknown-summons"


class SummonsAlreadyProposedError(ConflictError):
    rule = "summons-already-proposed"


class SummonsBasisRequiredError(InvalidValueError):
    rule = "summons-basis-required"


class RectificationListEmptyError(InvalidValueError):
    rule = "rectification-list-empty"


class SummonsDateInPastError(InvalidValueError):
    rule = "summons-date-in-past"


class SummonsNotScheduledError(ConflictError):
    rule = "summons-not-scheduled"


class SummonsNotHeldError(ConflictError):
    rule = "summons-not-held"


class SummonsAlreadyHeldError(ConflictError):
    rule = "summons-already-held"


class SummonsClosedError(ConflictError):
    rule = "summons-closed"


class SummonsWithdrawnError(ConflictError):
    rule = "summons-withdrawn"


class PrincipalLeaderNotOfUnitError(InvalidValueError):
    rule = "principal-leader-not-of-unit"


class PrincipalLeaderHoldsNoHeadPostError(InvalidValueError):
    rule = "principal-leader-holds-no-head-post"


class RectificationItemNotFoundError(NotFoundError):
    rule = "rectification-item-not-found"


class RectificationItemAlreadyCompletedError(ConflictError):
    rule = "rectification-item-already-completed"


class RectificationIncompleteError(ConflictError):
    rule = "rectification-incomplete"


class ReferralNotFoundError(NotFoundError):
    rule = "referral-not-found"


class ReferralPartyRequiredError(InvalidValueError):
    rule = "referral-party-required"


class EvidenceNotInLogError(InvalidValueError):
    rule = "evidence-not-in-log"


class ReferralOutcomeAlreadyRecordedError(ConflictError):
    rule = "referral-outcome-already-recorded"
