"""Loaders: read -> normalise -> find -> resolve -> relate, one module per step."""
