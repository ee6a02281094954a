"""Writes for network groups, one module per topic. Keyword-only, transactional, raising DomainError."""
