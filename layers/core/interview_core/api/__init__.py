"""HTTP: FastAPI routers (one per endpoint), request/response models, error mapping."""
