-- Questions drafted by a language model from a job posting's description (issue 12): a draft
-- belongs to the posting's organization, is inactive and never asked until a member approves it;
-- a rejected one is kept (inactive) so the same proposal is known next time.
ALTER TABLE questions ADD COLUMN status text NOT NULL DEFAULT 'approved'
    CHECK (status IN ('draft', 'approved', 'rejected'));
ALTER TABLE questions ADD COLUMN job_posting_id bigint REFERENCES job_postings (id) ON DELETE SET NULL;
ALTER TABLE questions ADD COLUMN generated_by text CHECK (length(generated_by) <= 200);
ALTER TABLE questions ADD CONSTRAINT questions_only_approved_are_asked
    CHECK (status = 'approved' OR NOT is_active);
ALTER TABLE questions ADD CONSTRAINT questions_drafts_are_an_organizations
    CHECK (status = 'approved' OR organization_id IS NOT NULL);
CREATE INDEX questions_posting_drafts_idx ON questions (job_posting_id, id)
    WHERE job_posting_id IS NOT NULL;

-- One request for drafts: queued by a member, run by the question_drafts worker (which has the
-- embedder for the near-duplicate check), with what it added and what it dropped and why.
CREATE TABLE question_draft_requests (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    job_posting_id bigint NOT NULL REFERENCES job_postings (id) ON DELETE CASCADE,
    organization_id bigint NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    requested_by bigint REFERENCES users (id) ON DELETE SET NULL,
    count integer NOT NULL CHECK (count BETWEEN 1 AND 10),
    language text NOT NULL CHECK (language IN ('ko', 'en')),
    status text NOT NULL DEFAULT 'queued' CHECK (status IN ('queued', 'running', 'done', 'failed')),
    model text,
    added bigint[] NOT NULL DEFAULT '{}',
    dropped jsonb NOT NULL DEFAULT '[]',
    error text CHECK (length(error) <= 2000),
    attempts integer NOT NULL DEFAULT 0,
    created_at timestamptz NOT NULL DEFAULT now(),
    started_at timestamptz,
    finished_at timestamptz
);
-- At most one open request per posting: a second click does not pay the model twice.
CREATE UNIQUE INDEX question_draft_requests_one_open_idx ON question_draft_requests (job_posting_id)
    WHERE status IN ('queued', 'running');
CREATE INDEX question_draft_requests_posting_idx ON question_draft_requests (job_posting_id, id DESC);

ALTER TABLE job_outbox DROP CONSTRAINT job_outbox_kind_check,
    ADD CONSTRAINT job_outbox_kind_check
        CHECK (kind IN ('sentiment', 'follow_up', 'report', 'embed', 'mail', 'question_drafts'));
ALTER TABLE job_failures DROP CONSTRAINT job_failures_kind_check,
    ADD CONSTRAINT job_failures_kind_check
        CHECK (kind IN ('sentiment', 'follow_up', 'report', 'embed', 'mail', 'question_drafts'));
