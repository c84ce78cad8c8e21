"""A support module that counts how often this process loaded it (SupportModulesTest)."""
import sys

LOADS = getattr(sys, "_rmote_counted_for_test", 0) + 1
sys._rmote_counted_for_test = LOADS
