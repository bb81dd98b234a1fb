"""The Google Sheets adapter: three HTTP requests per recalculation, one of them a write."""
