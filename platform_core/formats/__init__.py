"""Date, time and number formats of the staff UI, one per language (FORMAT_MODULE_PATH)."""
