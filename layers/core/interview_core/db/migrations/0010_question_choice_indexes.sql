-- Question choice as a few indexed look-ups whose cost does not grow with the bank (issue 11).
--
-- The plan (domain/question_plan.py) prefers, per category: a position's own and an
-- organization's own questions over the curated bank's general ones, then the slot's difficulty,
-- then the nearest to the posting. So what create_interview needs from each (language, category,
-- difficulty) cell of the curated bank's general questions is only its few nearest and its few
-- least used: one HNSW index per cell (partial: each general question is in exactly one, so
-- together they are the size of one index over them) and one B-tree in plan order. A position's
-- and an organization's own questions come through questions_pick_idx and the index below.
-- A language added to the CHECK of questions.language needs its cells here too.
DO $$
DECLARE
    lang text;
    cat text;
    diff text;
BEGIN
    FOREACH lang IN ARRAY ARRAY['ko', 'en'] LOOP
        FOREACH cat IN ARRAY ARRAY['technical', 'behavioral', 'situational', 'cultural_fit'] LOOP
            FOREACH diff IN ARRAY ARRAY['easy', 'medium', 'hard'] LOOP
                EXECUTE format(
                    'CREATE INDEX %I ON questions USING hnsw (embedding vector_cosine_ops) '
                    'WHERE is_active AND organization_id IS NULL AND position IS NULL '
                    'AND language = %L AND category = %L AND difficulty = %L',
                    format('questions_general_%s_%s_%s_hnsw', lang, cat, diff), lang, cat, diff
                );
            END LOOP;
        END LOOP;
    END LOOP;
END
$$;

-- The general questions of a cell in plan order (least used, then oldest).
CREATE INDEX questions_general_plan_idx ON questions (language, category, difficulty, usage_count, id)
    WHERE is_active AND organization_id IS NULL AND position IS NULL;

-- An organization's own active questions (questions_pick_idx serves a position's own).
CREATE INDEX questions_organization_pick_idx ON questions (organization_id, language, category, difficulty)
    WHERE is_active AND organization_id IS NOT NULL;

-- Questions still without a vector (just written, not yet embedded): few, and ranked after the rest.
CREATE INDEX questions_unembedded_idx ON questions (language, category, difficulty, usage_count, id)
    WHERE is_active AND embedding IS NULL;
