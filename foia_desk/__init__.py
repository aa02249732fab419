"""FOIA Desk: from a news article to ready-to-send federal records requests, with honest clocks."""

__version__ = "0.1.0"
