"""Storage adapters: in-memory, xlsx (calamine reads, openpyxl writes) and Google Sheets."""
