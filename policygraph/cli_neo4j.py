"""Commands registered on policygraph.cli_app.app."""
