"""The database: schema, migrations, the change log, queries and search. Imports no Qt.

``driver`` is imported first: it makes sqlite-utils use SQLCipher's driver, which
must happen before sqlite-utils is imported anywhere.
"""

from smwg_desktop.storage import driver as driver
