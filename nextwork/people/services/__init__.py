"""Writes to young people and their courses. Keyword-only, transactional, raising DomainError."""
