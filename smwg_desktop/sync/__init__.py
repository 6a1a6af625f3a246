"""Change log clock, merge rule, bundles and transports. Imports no Qt."""
