"""The local runtime: embedded PostgreSQL, PGMQ workers and one uvicorn server for every router."""
