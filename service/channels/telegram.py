"""Telegram wiring (issue 4): webhook route and start-up. To be filled by the Telegram channel."""
