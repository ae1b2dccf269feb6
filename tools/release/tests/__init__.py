"""Tests of the release commands, run against throwaway clones."""
