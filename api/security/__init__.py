"""Access control: API keys, bearer JWTs, the caller's role, and the audit log."""
