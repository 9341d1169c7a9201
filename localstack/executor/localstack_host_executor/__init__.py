"""Host-process Lambda runtime executor for LocalStack (see plugin.py; runner.py runs in the
function's own interpreter and must not import this package)."""
