"""Core of the interview platform: shared by every Lambda (as a layer) and by the local runner."""
