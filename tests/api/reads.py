"""Every list the service offers, as the supervision desk reads them: after a write, none may
answer 5xx (the poison-event test and the fuzz run read them all), and each list answers its
page ({items, total, next})."""

LISTS = [
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
]
READS = [*LISTS, "/coverage/leaders", "/coverage/industries"]
