"""Every list the service offers, as the supervision desk reads them: after a write, none may
answer 5xx (the poison-event test and the fuzz run read them all)."""

READS = [
    "/issues",
    "/projects",
    "/deadlines",
    "/pairings",
    "/session-series",
    "/financing-matches",
    "/reviews",
    "/reviews/invitations",
    "/directory/units",
    "/audit/events",
    "/boards/overdue",
    "/boards/projects",
    "/projections",
    "/enterprises",
    "/coverage/leaders",
    "/coverage/industries",
]
