-- Embeddings of the texts questions are chosen for (a job posting's title, position and
-- description; a bare position), keyed by the model and the text's hash: a posting edited later
-- has a new hash, so a stale vector is never used. Written by `interview questions embed` and by
-- any process that has the embedder, read by create_interview (which needs no model).
CREATE TABLE query_embeddings (
    model       text        NOT NULL CHECK (length(model) BETWEEN 1 AND 100),
    text_sha256 text        NOT NULL CHECK (length(text_sha256) = 64),
    text        text        NOT NULL CHECK (length(text) <= 25000),
    embedding   vector(384) NOT NULL,
    created_at  timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (model, text_sha256)
);

