"""Tests of the repository's own checks: import boundaries, shared configuration."""
