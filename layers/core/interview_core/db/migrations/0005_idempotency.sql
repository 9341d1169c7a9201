-- A retried request changes nothing: a POST sent with an Idempotency-Key stores its response here,
-- in the same transaction as what it created, and a retry with the same key returns that response.
-- A key belongs to the user who sent it; the same key sent for another request (another route or
-- another body) is refused. Keys older than a day are deleted by the recover_jobs function.
CREATE TABLE idempotency_keys (
    user_id      bigint      NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    key          text        NOT NULL CHECK (length(key) BETWEEN 1 AND 255),
    scope        text        NOT NULL CHECK (length(scope) BETWEEN 1 AND 200),
    request_hash text        NOT NULL CHECK (length(request_hash) = 64),
    response     jsonb       NOT NULL,
    created_at   timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (user_id, key)
);
CREATE INDEX idempotency_keys_created_at ON idempotency_keys (created_at);
