"""WhatsApp wiring (issue 5): webhook route and start-up. To be filled by the WhatsApp channel."""
