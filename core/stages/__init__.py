"""The engine's stage handlers, one module per stage group; core/engine.py maps each ``Stage`` to its handler."""
