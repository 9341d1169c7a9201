-- Failed log-ins, counted per account ('user:<id>', or 'name:<sha256>' for a name that is
-- nobody's) and per client address (IPv4, or an IPv6 /64): POST /token refuses a locked key with
-- 429 and Retry-After (domain/login_throttle.py). A row means nothing after expires_at (its
-- failures are out of the window and any lockout is over); such rows are deleted as failures
-- are written.
CREATE TABLE login_throttle (
    kind            text        NOT NULL CHECK (kind IN ('account', 'address')),
    subject         text        NOT NULL CHECK (length(subject) BETWEEN 1 AND 200),
    failures        integer     NOT NULL CHECK (failures >= 0),
    last_failure_at timestamptz NOT NULL,
    locked_until    timestamptz,
    expires_at      timestamptz NOT NULL,
    PRIMARY KEY (kind, subject)
);
CREATE INDEX login_throttle_expires_at ON login_throttle (expires_at);
