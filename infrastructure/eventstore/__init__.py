"""The event store: eventsourcing's own recorders, extended with a tamper-evident hash chain."""
