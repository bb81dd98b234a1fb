"""The pure core: parsing, checks, metrics, stop rules, verdicts and the write plan.

Nothing under this package imports gspread, openpyxl or Flask; adapters do the I/O.
"""
