"""One module per endpoint, each holding one router with one route."""
