"""Background jobs: what is queued, how it is published, how an SQS batch is consumed."""
