"""Qt user interface, command line and composition root."""
