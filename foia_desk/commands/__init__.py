"""Subcommands of the foia-desk CLI, one module each (see foia_desk.cli)."""
