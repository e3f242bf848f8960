"""The `aiaudit` command line."""
