"""Request and response models: the API's contract, as shown at /docs. One module per area; a
route imports from its own area's, so that its Lambda builds only those models (issue 11)."""
