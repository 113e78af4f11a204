"""Portal sync: client, outbox engine and the sandbox portal — headless, never Qt."""
