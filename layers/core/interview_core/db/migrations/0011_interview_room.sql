-- The interview room (issue 12): the AI notice and the candidate's consent, the posting's
-- per-question time guide and follow-up limit, and follow-up questions in the transcript.

-- What a posting sets for its interviews. The notice is the posting's own text (NULL: the
-- platform's default notice in the interview's language); its version counts every change.
ALTER TABLE job_postings
    ADD COLUMN follow_up_limit smallint NOT NULL DEFAULT 1
        CHECK (follow_up_limit BETWEEN 0 AND 3),
    ADD COLUMN answer_seconds integer NOT NULL DEFAULT 180
        CHECK (answer_seconds BETWEEN 30 AND 1800),
    ADD COLUMN ai_notice text CHECK (ai_notice IS NULL OR length(ai_notice) BETWEEN 1 AND 4000),
    ADD COLUMN ai_notice_version integer NOT NULL DEFAULT 0 CHECK (ai_notice_version >= 0);

-- The follow-up job kind, in the outbox and the failure record.
ALTER TABLE job_outbox DROP CONSTRAINT job_outbox_kind_check,
    ADD CONSTRAINT job_outbox_kind_check
        CHECK (kind IN ('sentiment', 'follow_up', 'report', 'embed', 'mail'));
ALTER TABLE job_failures DROP CONSTRAINT job_failures_kind_check,
    ADD CONSTRAINT job_failures_kind_check
        CHECK (kind IN ('sentiment', 'follow_up', 'report', 'embed', 'mail'));

-- The candidate's consent to the notice, with the exact text and version they were shown.
CREATE TABLE interview_consents (
    interview_id bigint PRIMARY KEY REFERENCES interviews (id) ON DELETE CASCADE,
    candidate_id bigint NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    notice_version text NOT NULL CHECK (length(notice_version) BETWEEN 1 AND 100),
    notice_text text NOT NULL,
    language text NOT NULL CHECK (language IN ('ko', 'en')),
    consented_at timestamptz NOT NULL DEFAULT now()
);

-- A User answer's follow-up: 'pending' while the interviewer decides, then 'asked' (an AI line
-- follows it up) or 'none'. NULL: no follow-up was possible (every answer written before this).
-- An AI follow-up line names the answer it follows up (at most one per answer).
ALTER TABLE transcripts
    ADD COLUMN follow_up_state text CHECK (follow_up_state IN ('pending', 'asked', 'none')),
    ADD COLUMN follow_up_of bigint REFERENCES transcripts (id) ON DELETE CASCADE;
CREATE UNIQUE INDEX transcripts_follow_up_of_key ON transcripts (follow_up_of)
    WHERE follow_up_of IS NOT NULL;
CREATE INDEX transcripts_follow_up_pending_idx ON transcripts (timestamp)
    WHERE follow_up_state = 'pending';

-- Every follow-up decision, asked or not, and why: what shows that every candidate of a posting
-- had the same structure (the same core questions, follow-ups bounded by the posting's limit).
CREATE TABLE follow_up_decisions (
    answer_id bigint PRIMARY KEY REFERENCES transcripts (id) ON DELETE CASCADE,
    interview_id bigint NOT NULL REFERENCES interviews (id) ON DELETE CASCADE,
    question_id bigint NOT NULL REFERENCES questions (id),
    asked boolean NOT NULL,
    -- The rubric criterion asked about, or why nothing was asked.
    reason text NOT NULL CHECK (length(reason) BETWEEN 1 AND 200),
    source text NOT NULL CHECK (source IN ('offline', 'llm')),
    decided_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX follow_up_decisions_interview_idx ON follow_up_decisions (interview_id);
