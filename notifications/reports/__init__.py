"""Scheduled and on-demand centre reports: the section registry, the stored report, its XLSX and
PDF files, the monthly job and the coordinator's pages and API."""
