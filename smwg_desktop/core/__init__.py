"""The domain: records, rules and validation. Imports no Qt."""
