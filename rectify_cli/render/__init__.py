"""Renderers: turn core results into text, tables and documents for one output format each."""
