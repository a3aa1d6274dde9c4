"""Tests of terminal plumbing: BDSM guard, colour depth, OSC 52, doctor."""
