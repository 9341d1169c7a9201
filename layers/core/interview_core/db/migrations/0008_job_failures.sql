-- Why a job failed, kept beside its queue's retries and dead-letter copy: the consumer records
-- each failed attempt here (the job, how many attempts, the last reason) and clears it when the
-- job succeeds. GET /interviews/{id}/report reads it to say "failed, retrying" or "failed"
-- instead of "being written"; `interview jobs redrive` lists it.
CREATE TABLE job_failures (
    kind            text        NOT NULL CHECK (kind IN ('sentiment', 'report', 'embed', 'mail')),
    body            jsonb       NOT NULL,
    attempts        integer     NOT NULL DEFAULT 1 CHECK (attempts >= 1),
    last_error      text        NOT NULL,
    first_failed_at timestamptz NOT NULL DEFAULT now(),
    last_failed_at  timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (kind, body)
);
