"""Fake maya package of the Maya stand-ins (tests only; see ../../README.md)."""
