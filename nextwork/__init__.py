"""The NExTWORK platform."""
