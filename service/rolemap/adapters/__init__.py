"""Storage adapters: in-memory, xlsx (openpyxl) and Google Sheets (gspread)."""
