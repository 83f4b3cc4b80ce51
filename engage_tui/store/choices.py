"""The closed lists the schema's CHECK constraints hold columns to, as plain tuples: the rules and the
screens read them without loading SQLAlchemy (the first screen draws before it has loaded)."""

ROLES = ("officer", "supervisor")
CATEGORIES = ("community", "cyp")
TERM_KINDS = ("audience", "activity")
ISSUE_TERM_KINDS = ("theme", "referral")
RANKS = ("pcso", "pc", "inspector")
ISSUE_STATES = ("open", "in hand", "resolved", "closed")
RETURN_STATES = ("draft", "submitted", "approved", "sent back", "reopened")
LOCKED_STATES = ("submitted", "approved")
