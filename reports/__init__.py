"""What offices hand on: Excel ledgers in and out, urging notices and circulars as Word
documents, and their charts — read from the read models, recorded through the application."""
