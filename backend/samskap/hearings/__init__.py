"""Hearings (høringer): the letter, the invited parties, the responses and their handling, and
the summary (sammenstilling) as data and as a DOCX file."""
