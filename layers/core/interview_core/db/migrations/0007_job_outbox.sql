-- The transactional outbox of the SQS path: a job is written here in the same transaction as the
-- row that causes it, sent to its queue right after the commit, and deleted once sent. A job whose
-- send failed, or whose process died between the commit and the send, is still here: the
-- relay (the scheduled recover_jobs function, every minute) sends it. Locally PGMQ needs none of
-- this: its send is itself part of the transaction.
CREATE TABLE job_outbox (
    id         bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    kind       text        NOT NULL CHECK (kind IN ('sentiment', 'report', 'embed', 'mail')),
    body       jsonb       NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now(),
    attempts   integer     NOT NULL DEFAULT 0,
    last_error text
);
CREATE INDEX job_outbox_created_at ON job_outbox (created_at);
