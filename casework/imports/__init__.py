"""Spreadsheet import: reading XLSX/CSV (``reading``), understanding Greek cell values
(``values``) and each kind of file's columns and plan (``kinds``). The writes are in
``casework.services.imports``."""
