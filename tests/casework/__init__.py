"""Tests of casework."""
