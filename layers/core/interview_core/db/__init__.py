"""Data access: connections, SQL repositories, migrations."""
