"""Resolve: dates to ISO values, mentions to organizations, people to roles and organizations."""
