"""Speech to text: Deepgram, for the browser's live transcription and for uploaded recordings."""
