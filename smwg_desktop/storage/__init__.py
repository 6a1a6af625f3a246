"""The database: schema, migrations, the change log, queries and search. Imports no Qt."""
